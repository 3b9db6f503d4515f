package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.runtime.TransactionAdmission;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one partition of the request log in its task thread, one request per call so that the task's mailbox
 * (checkpoint triggers, envelopes coming round the loop) is served between any two. Its checkpoint holds the
 * offset read so far; once that checkpoint completes the log forgets what came before. It pauses while its
 * subtask's {@link TransactionAdmission} is at its cap of active transactions: the requests wait in the log.
 */
final class RequestLogReader implements SourceReader<Envelope, RequestLogPosition> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RequestLogReader.class);
    private static final int BATCH = 512;
    private final RequestLog log;
    private final int partition;
    private final TransactionAdmission admission;
    /** The next offset to read; volatile for the metrics thread's view of the backlog. */
    private volatile long offset = -1;
    private List<Envelope> batch = List.of();
    private int next;
    /** Offset reached by each checkpoint not yet known to be complete. */
    private final NavigableMap<Long, Long> offsetsByCheckpoint = new TreeMap<>();

    RequestLogReader(RequestLog log, int partition, TransactionAdmission admission) {
        this.log = log;
        this.partition = partition;
        this.admission = admission;
    }

    /** The position a restored checkpoint holds, if it is of this partition of this log. */
    @Override
    public void addSplits(List<RequestLogPosition> positions) {
        for (RequestLogPosition position : positions) {
            if (position.partition() == partition && position.generation().equals(log.generation())) {
                long first = log.firstOffset();
                if (position.offset() < first) {
                    // the log kept everything after the latest completed checkpoint, and a restore uses that one or a
                    // newer: an older one (a savepoint's completion acknowledged, then a failure before the stop
                    // finished) would have needed requests already dropped
                    LOG.error("request log partition {}: restored at offset {}, but entries before {} are gone; "
                            + "{} requests are not replayed", partition, position.offset(), first, first - position.offset());
                }
                offset = Math.max(first, position.offset());
            }
        }
    }

    @Override
    public void start() {
        if (offset < 0) {
            offset = log.firstOffset();
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Envelope> output) {
        if (!admission.admitsAnother()) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        if (next == batch.size()) {
            batch = log.read(offset, BATCH);
            next = 0;
            if (batch.isEmpty()) {
                return InputStatus.NOTHING_AVAILABLE;
            }
        }
        Envelope request = batch.get(next++);
        offset++;
        output.collect(request);
        return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        CompletableFuture<Void> admitting = admission.whenAdmitting();
        if (!admitting.isDone()) {
            return admitting;
        }
        return next < batch.size() ? RequestLog.AVAILABLE : log.availableAt(offset);
    }

    /** Requests in this partition of the log not read yet (read by Flink's metrics thread: a moment's view). */
    long requestsWaiting() {
        long read = offset;
        return read < 0 ? 0 : Math.max(0, log.endOffset() - read);
    }

    @Override
    public List<RequestLogPosition> snapshotState(long checkpointId) {
        offsetsByCheckpoint.put(checkpointId, offset);
        return List.of(new RequestLogPosition(partition, log.generation(), offset));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        NavigableMap<Long, Long> completed = offsetsByCheckpoint.headMap(checkpointId, true);
        if (!completed.isEmpty()) {
            long offsetRead = completed.lastEntry().getValue();
            completed.clear();
            log.truncateBefore(offsetRead);
        }
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void close() {
    }
}
