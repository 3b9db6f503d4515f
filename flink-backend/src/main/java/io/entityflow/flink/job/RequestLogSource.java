package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.runtime.TransactionAdmission;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import java.util.List;

/**
 * The embedded job's requests: each subtask reads its own partition of the job's {@link RequestPartitions}, so
 * there are no splits to hand out — a reader knows its partition from its subtask index, and a restored reader
 * its offset from its own checkpoint ({@link RequestLogPosition}). The enumerator therefore assigns nothing and
 * keeps no state.
 */
final class RequestLogSource implements Source<Envelope, RequestLogPosition, Void> {
    private static final long serialVersionUID = 1L;
    private final String jobId;
    private final int maxActiveTransactions;

    /** @param maxActiveTransactions a reader pauses while its subtask has this many active transactions (0: never) */
    RequestLogSource(String jobId, int maxActiveTransactions) {
        this.jobId = jobId;
        this.maxActiveTransactions = maxActiveTransactions;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Envelope, RequestLogPosition> createReader(SourceReaderContext context) {
        int subtask = context.getIndexOfSubtask();
        TransactionAdmission admission = TransactionAdmission.of(jobId, subtask);
        admission.startAttempt(maxActiveTransactions); // a new attempt: the failed one's transactions never end
        RequestLogReader reader = new RequestLogReader(RequestQueues.of(jobId).partitions().log(subtask, context.currentParallelism()),
                subtask, admission);
        // in Flink's web UI and REST API, per subtask: the requests not read yet (Flink's standard backlog gauge), and
        // why they may wait — the transactions the subtask's roots run, and how often a pause ran out without an end
        SourceReaderMetricGroup metrics = context.metricGroup();
        metrics.setPendingRecordsGauge(reader::requestsWaiting);
        metrics.gauge("activeTransactions", admission::active);
        metrics.gauge("maxActiveTransactions", () -> maxActiveTransactions);
        metrics.gauge("overdueAdmissions", admission::overdueAdmissions);
        return reader;
    }

    @Override
    public SplitEnumerator<RequestLogPosition, Void> createEnumerator(SplitEnumeratorContext<RequestLogPosition> context) {
        return new NothingToAssign();
    }

    @Override
    public SplitEnumerator<RequestLogPosition, Void> restoreEnumerator(SplitEnumeratorContext<RequestLogPosition> context, Void checkpoint) {
        return new NothingToAssign();
    }

    @Override
    public SimpleVersionedSerializer<RequestLogPosition> getSplitSerializer() {
        return RequestLogPosition.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Void nothing) {
                return new byte[0];
            }

            @Override
            public Void deserialize(int version, byte[] serialized) {
                return null;
            }
        };
    }

    private static final class NothingToAssign implements SplitEnumerator<RequestLogPosition, Void> {
        @Override
        public void start() {
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
        }

        @Override
        public void addSplitsBack(List<RequestLogPosition> splits, int subtaskId) {
            // a failed reader's positions: its next attempt restores its own from the checkpoint
        }

        @Override
        public void addReader(int subtaskId) {
        }

        @Override
        public Void snapshotState(long checkpointId) {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
