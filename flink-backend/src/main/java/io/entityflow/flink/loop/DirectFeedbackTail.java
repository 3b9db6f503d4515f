package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The loop's tail when the whole loop runs in one JVM, chained behind one entity operator: puts each call or
 * return straight into the channel of the head subtask that owns its destination key (the subtask a keyBy
 * would pick), and marks every channel when a checkpoint's barrier passes. One of these per entity operator
 * subtask; each is a producer of every head's channel.
 *
 * <p>The envelope is copied on the way (in memory, sharing nothing mutable with it): a network edge would
 * have serialised it, and without a copy an argument could alias the sender's live state or frame.
 */
public final class DirectFeedbackTail extends AbstractStreamOperator<Void> implements OneInputStreamOperator<Envelope, Void> {
    private static final long serialVersionUID = 1L;
    private final LoopOptions options;
    private final int entityOperator;
    private final int entityOperators;
    private transient FeedbackChannel[] channels;
    private transient int producer;
    private transient int maxParallelism;

    /**
     * @param entityOperator  which of the job's entity operators this tail follows (0-based)
     * @param entityOperators how many entity operators feed the loop
     */
    public DirectFeedbackTail(LoopOptions options, int entityOperator, int entityOperators) {
        this.options = options;
        this.entityOperator = entityOperator;
        this.entityOperators = entityOperators;
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        TaskInfo task = getRuntimeContext().getTaskInfo();
        int parallelism = task.getNumberOfParallelSubtasks();
        maxParallelism = task.getMaxNumberOfParallelSubtasks();
        producer = entityOperator * parallelism + task.getIndexOfThisSubtask();
        channels = new FeedbackChannel[parallelism];
        int producers = options.producers(entityOperators, parallelism);
        for (int subtask = 0; subtask < parallelism; subtask++) {
            channels[subtask] = options.channel(subtask, task, getContainingTask().getEnvironment(), producers);
        }
    }

    @Override
    public void processElement(StreamRecord<Envelope> element) {
        Envelope envelope = element.getValue();
        int head = KeyGroupRangeAssignment.assignKeyToParallelOperator(envelope.destinationKey(), maxParallelism, channels.length);
        channels[head].put(producer, EnvelopeCodec.copy(envelope));
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        // everything this subtask put before the barrier is in the channels: they are all older than this mark
        for (FeedbackChannel channel : channels) {
            channel.markBarrier(producer, checkpointId);
        }
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        super.notifyCheckpointAborted(checkpointId);
        for (FeedbackChannel channel : channels) {
            channel.abort(checkpointId, "aborted by the checkpoint coordinator");
        }
    }
}
