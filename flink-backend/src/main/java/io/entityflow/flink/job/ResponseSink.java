package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

/** Hands each response to the client waiting for it in this JVM. */
@SuppressWarnings("deprecation")
final class ResponseSink implements SinkFunction<Envelope> {
    private static final long serialVersionUID = 1L;
    private final String jobId;

    ResponseSink(String jobId) {
        this.jobId = jobId;
    }

    @Override
    public void invoke(Envelope value, Context context) {
        RequestQueues.of(jobId).respond(value);
    }
}
