package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The tail of a feedback loop over the network (behind a keyBy): hands every envelope to the head of the same
 * subtask index, its channel's only producer, and marks in the channel where each checkpoint's barrier passed
 * (the end of that checkpoint's in-flight log).
 */
public final class FeedbackTailOperator extends AbstractStreamOperator<Void> implements OneInputStreamOperator<Envelope, Void> {
    private static final long serialVersionUID = 1L;
    private final LoopOptions options;
    private transient FeedbackChannel channel;

    public FeedbackTailOperator(LoopOptions options) {
        this.options = options;
    }

    @Override
    public void open() throws Exception {
        super.open();
        TaskInfo task = getRuntimeContext().getTaskInfo();
        channel = options.channel(task.getIndexOfThisSubtask(), task, getContainingTask().getEnvironment(), 1);
    }

    @Override
    public void processElement(StreamRecord<Envelope> element) {
        channel.put(0, element.getValue());
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        // every envelope before the barrier has been put: they are all older than this mark
        channel.markBarrier(0, checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        super.notifyCheckpointAborted(checkpointId);
        channel.abort(checkpointId, "aborted by the checkpoint coordinator");
    }
}
