package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Chained behind the request source, in the task of the keyed operator it feeds: tells the job's request log how
 * many key groups that task's operators have and over how many subtasks (a source reader cannot know: the key
 * groups are the keyed state's), so requests are appended to the partition whose reader feeds their key's owner.
 * Passes every request on unchanged.
 */
final class RequestRouting extends AbstractStreamOperator<Envelope> implements OneInputStreamOperator<Envelope, Envelope> {
    private static final long serialVersionUID = 1L;
    private final String jobId;

    RequestRouting(String jobId) {
        this.jobId = jobId;
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        TaskInfo task = getRuntimeContext().getTaskInfo();
        RequestQueues.of(jobId).partitions().partitionByKeyGroups(task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks());
    }

    @Override
    public void processElement(StreamRecord<Envelope> element) {
        output.collect(element);
    }
}
