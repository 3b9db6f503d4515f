package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the embedded job's requests from its {@link RequestLog}. Its checkpoint holds the log's
 * generation and the offset read so far; once that checkpoint completes the log forgets what came before.
 * (A legacy SourceFunction: the simplest checkpointed single-reader source; the cluster deployment reads
 * Kafka through the new Source API instead.)
 */
@SuppressWarnings("deprecation")
final class LogSource implements SourceFunction<Envelope>, CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;
    private final String jobId;
    private volatile boolean running = true;
    private transient ListState<String> checkpointed;
    private transient long offset;
    private transient RequestLog log;
    /** Offset reached by each checkpoint not yet known to be complete. */
    private transient Map<Long, Long> offsetsByCheckpoint;

    LogSource(String jobId) {
        this.jobId = jobId;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        log = RequestQueues.of(jobId).log();
        offsetsByCheckpoint = new TreeMap<>();
        checkpointed = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("request-log-position", Types.STRING));
        offset = log.firstOffset();
        for (String position : checkpointed.get()) {
            // "generation@offset": an offset only means something in the log that produced it
            int at = position.lastIndexOf('@');
            if (position.substring(0, at).equals(log.generation())) {
                offset = Math.max(log.firstOffset(), Long.parseLong(position.substring(at + 1)));
            }
        }
    }

    @Override
    public void run(SourceContext<Envelope> context) throws Exception {
        while (running) {
            List<Envelope> batch = log.read(offset, BATCH, 50);
            if (batch.isEmpty()) {
                continue;
            }
            synchronized (context.getCheckpointLock()) {
                for (Envelope request : batch) {
                    context.collect(request);
                }
                offset += batch.size();
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.update(List.of(log.generation() + "@" + offset));
        offsetsByCheckpoint.put(context.getCheckpointId(), offset);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Long completed = null;
        var entries = offsetsByCheckpoint.entrySet().iterator();
        while (entries.hasNext()) {
            var entry = entries.next();
            if (entry.getKey() <= checkpointId) {
                completed = entry.getValue();
                entries.remove();
            }
        }
        if (completed != null) {
            log.truncateBefore(completed);
        }
    }

    @Override
    public void cancel() {
        running = false;
    }
}
