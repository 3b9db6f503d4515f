package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;

/**
 * Hands responses that need not wait for a checkpoint to the clients waiting in this JVM: answers computed only
 * from state a completed checkpoint holds ({@link io.entityflow.flink.runtime.EntityFunction#RESPONSES_AT_ONCE}).
 * Holds nothing: a crash cannot take back what it answered, and a request replayed after one is answered again
 * to nobody.
 */
@SuppressWarnings("deprecation")
final class ResponsesAtOnce extends RichSinkFunction<Envelope> {
    private static final long serialVersionUID = 1L;
    private final String jobId;
    private transient RequestQueues queues;

    ResponsesAtOnce(String jobId) {
        this.jobId = jobId;
    }

    @Override
    public void open(OpenContext context) {
        queues = RequestQueues.of(jobId);
    }

    @Override
    public void invoke(Envelope response, Context context) {
        queues.respondSoon(response); // the entity operator made it the client's own copy
    }
}
