package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The head of the feedback loop: forwards new requests from its input and, in between, the envelopes
 * the co-located tail puts into the {@link FeedbackChannel}.
 */
final class FeedbackHeadOperator extends AbstractStreamOperator<Envelope> implements OneInputStreamOperator<Envelope, Envelope> {
    private static final long serialVersionUID = 1L;
    private final String loopId;
    private final transient MailboxExecutor mailbox;
    private transient StreamRecord<Envelope> reused;

    FeedbackHeadOperator(String loopId, MailboxExecutor mailbox,
                         org.apache.flink.streaming.api.operators.StreamOperatorParameters<Envelope> parameters) {
        this.loopId = loopId;
        this.mailbox = mailbox;
        setProcessingTimeService(parameters.getProcessingTimeService());
        setup(parameters.getContainingTask(), parameters.getStreamConfig(), parameters.getOutput());
    }

    @Override
    public void open() throws Exception {
        super.open();
        reused = new StreamRecord<>(null);
        var task = getRuntimeContext().getTaskInfo();
        FeedbackChannel.of(loopId, task.getIndexOfThisSubtask(), task.getAttemptNumber())
                .consumeWith(mailbox, envelope -> output.collect(reused.replace(envelope)));
    }

    @Override
    public void processElement(StreamRecord<Envelope> element) {
        output.collect(element);
    }

    @Override
    public void close() throws Exception {
        var task = getRuntimeContext().getTaskInfo();
        FeedbackChannel.release(loopId, task.getIndexOfThisSubtask(), task.getAttemptNumber());
        super.close();
    }
}
