package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** The tail of the feedback loop: hands every envelope to the head of the same subtask index. */
public final class FeedbackTailOperator extends AbstractStreamOperator<Void> implements OneInputStreamOperator<Envelope, Void> {
    private static final long serialVersionUID = 1L;
    private final String loopId;
    private transient FeedbackChannel channel;

    public FeedbackTailOperator(String loopId) {
        this.loopId = loopId;
    }

    @Override
    public void open() throws Exception {
        super.open();
        var task = getRuntimeContext().getTaskInfo();
        channel = FeedbackChannel.of(loopId, task.getIndexOfThisSubtask(), task.getAttemptNumber());
    }

    @Override
    public void processElement(StreamRecord<Envelope> element) {
        channel.put(element.getValue());
    }
}
