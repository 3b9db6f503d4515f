package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * In front of a job's response sink on a cluster: the first response since this subtask's last checkpoint asks
 * the JobManager for a checkpoint through Flink's REST API ({@code POST /jobs/:jobid/checkpoints}), so the answer
 * leaves with the next checkpoint instead of waiting out the periodic interval (Kafka's transactional sink makes
 * responses visible when a checkpoint completes). At most one request per subtask between two checkpoints: a
 * response after the barrier passed asks again. A request that fails is only logged — the periodic checkpoints
 * still run. Passes every response through unchanged; holds no state.
 */
final class CheckpointRequests extends ProcessFunction<Envelope, Envelope> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRequests.class);
    private final String restUrl;
    private transient HttpClient http;
    private transient URI trigger;
    private transient boolean requested;

    CheckpointRequests(String restUrl) {
        this.restUrl = restUrl.replaceAll("/+$", "");
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        trigger = URI.create(restUrl + "/jobs/" + getRuntimeContext().getJobInfo().getJobId() + "/checkpoints");
    }

    @Override
    public void processElement(Envelope response, Context context, Collector<Envelope> out) {
        out.collect(response);
        if (!requested) {
            requested = true;
            http.sendAsync(HttpRequest.newBuilder(trigger).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, failure) -> {
                        if (failure != null || answer.statusCode() >= 300) {
                            LOG.debug("asking {} for a checkpoint failed: {}", trigger,
                                    failure != null ? failure.toString() : answer.statusCode() + " " + answer.body());
                        }
                    });
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        requested = false; // responses from here on wait for a later checkpoint: the next one asks again
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
    }

    @Override
    public void close() {
        http = null; // Java 17's client has no close(): its selector thread ends once the client is collected
    }
}
