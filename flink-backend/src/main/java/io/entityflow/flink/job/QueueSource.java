package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

import java.util.concurrent.TimeUnit;

/** Reads the embedded job's requests from its in-JVM queue. */
@SuppressWarnings("deprecation")
final class QueueSource implements SourceFunction<Envelope> {
    private static final long serialVersionUID = 1L;
    private final String jobId;
    private volatile boolean running = true;

    QueueSource(String jobId) {
        this.jobId = jobId;
    }

    @Override
    public void run(SourceContext<Envelope> context) throws Exception {
        RequestQueues queues = RequestQueues.of(jobId);
        while (running) {
            Envelope next = queues.requests.poll(50, TimeUnit.MILLISECONDS);
            if (next != null) {
                synchronized (context.getCheckpointLock()) {
                    context.collect(next);
                }
            }
        }
    }

    @Override
    public void cancel() {
        running = false;
    }
}
