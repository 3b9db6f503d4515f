package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In front of a job's response sink on a cluster: the first response since this subtask's last checkpoint asks
 * the JobManager for a checkpoint through Flink's REST API ({@code POST /jobs/:jobid/checkpoints}), so the answer
 * leaves with the next checkpoint instead of waiting out the periodic interval (Kafka's transactional sink makes
 * responses visible when a checkpoint completes). Each subtask has at most one such checkpoint asked for and not
 * yet completed ({@link CheckpointOnDemand}, which follows it through {@code GET /jobs/:jobid/checkpoints/:triggerid}):
 * the JobManager queues every request it is sent, so unbounded asking under load would queue checkpoints without
 * end. A request that fails is only logged; the periodic checkpoints still run. Passes every response through
 * unchanged; holds no state.
 */
final class CheckpointRequests extends ProcessFunction<Envelope, Envelope> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    // the two answers read here are tiny and fixed ({"request-id":"…"}, {"status":{"id":"COMPLETED"},…}); a job on a
    // cluster has no JSON library of its own on the classpath, so two patterns read them
    private static final Pattern REQUEST_ID = Pattern.compile("\"request-id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COMPLETED = Pattern.compile("\"status\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"COMPLETED\"");
    private final String restUrl;
    private transient HttpClient http;
    private transient ScheduledExecutorService polls;
    private transient URI checkpoints;
    private transient CheckpointOnDemand onDemand;
    private transient boolean askedSinceSnapshot;

    CheckpointRequests(String restUrl) {
        this.restUrl = restUrl.replaceAll("/+$", "");
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "entityflow-checkpoint-requests");
            thread.setDaemon(true);
            return thread;
        });
        checkpoints = URI.create(restUrl + "/jobs/" + getRuntimeContext().getJobInfo().getJobId() + "/checkpoints");
        onDemand = new CheckpointOnDemand(this::checkpoint);
    }

    @Override
    public void processElement(Envelope response, Context context, Collector<Envelope> out) {
        out.collect(response);
        if (!askedSinceSnapshot) {
            askedSinceSnapshot = true;
            onDemand.run();
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        askedSinceSnapshot = false; // responses from here on wait for a later checkpoint
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
    }

    /** Asks for a checkpoint; completes when it has completed (or failed, or was not accepted). */
    private CompletableFuture<?> checkpoint() {
        HttpRequest trigger = HttpRequest.newBuilder(checkpoints).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return http.sendAsync(trigger, HttpResponse.BodyHandlers.ofString()).thenCompose(answer -> {
            Matcher requestId = REQUEST_ID.matcher(answer.body());
            if (answer.statusCode() >= 300 || !requestId.find()) {
                throw new CompletionException(new IllegalStateException("no checkpoint: " + answer.statusCode() + " " + answer.body()));
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            poll(URI.create(checkpoints + "/" + requestId.group(1)), System.nanoTime() + GIVE_UP.toNanos(), done);
            return done;
        });
    }

    private void poll(URI status, long deadline, CompletableFuture<Void> done) {
        polls.schedule(() -> http.sendAsync(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else if (COMPLETED.matcher(answer.body()).find()) {
                        done.complete(null); // a failed checkpoint also completes the operation: ask again next time
                    } else if (System.nanoTime() > deadline) {
                        done.completeExceptionally(new IllegalStateException("checkpoint still in progress after " + GIVE_UP));
                    } else {
                        poll(status, deadline, done);
                    }
                }), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (polls != null) {
            polls.shutdownNow();
        }
        http = null; // Java 17's client has no close(): its selector thread ends once the client is collected
    }
}
