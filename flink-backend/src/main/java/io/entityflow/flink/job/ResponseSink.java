package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands each response to the client waiting for it in this JVM (on {@link RequestQueues}' answering thread: the sink
 * is chained to an entity operator, whose task must not run the clients' continuations). With committed responses (the default)
 * a response waits until the checkpoint that holds its effects has completed: a client never sees a
 * result that a failure could still undo. Responses held back are part of the sink's checkpoint, so
 * a restore releases those whose checkpoint completed before the failure.
 *
 * <p>They are checkpointed as one list entry per checkpoint they wait for, not one per response: Flink's
 * operator list state records the file offset of every entry (flushing its stream to learn it) and writes
 * each offset into the checkpoint's metadata, which cost a system call per held response at both ends.
 */
@SuppressWarnings("deprecation")
final class ResponseSink implements SinkFunction<Envelope>, CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    static final String HELD_ONE_BY_ONE = "held-responses";
    private final String jobId;
    private final boolean committedOnly;
    private transient List<Envelope> sinceLastCheckpoint;
    private transient TreeMap<Long, List<Envelope>> waitingForCheckpoint;
    private transient ListState<List<Envelope>> checkpointed;
    private transient RequestQueues queues;

    ResponseSink(String jobId, boolean committedOnly) {
        this.jobId = jobId;
        this.committedOnly = committedOnly;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        queues = RequestQueues.of(jobId);
        sinceLastCheckpoint = new ArrayList<>();
        waitingForCheckpoint = new TreeMap<>();
        OperatorStateStore store = context.getOperatorStateStore();
        checkpointed = store.getListState(new ListStateDescriptor<>(
                "held-response-batches", new ListTypeInfo<>(EnvelopeTypeInfo.INSTANCE)));
        // restored from a completed checkpoint: what it held back is committed now
        for (List<Envelope> batch : checkpointed.get()) {
            queues.respondSoon(batch);
        }
        checkpointed.clear();
        releaseHeldOneByOne(store);
    }

    /** Savepoints taken before the batches held each response as a list entry of its own. */
    private void releaseHeldOneByOne(OperatorStateStore store) throws Exception {
        if (!store.getRegisteredStateNames().contains(HELD_ONE_BY_ONE)) {
            return;
        }
        ListState<Envelope> held = store.getListState(new ListStateDescriptor<>(HELD_ONE_BY_ONE, EnvelopeTypeInfo.INSTANCE));
        List<Envelope> responses = new ArrayList<>();
        held.get().forEach(responses::add);
        queues.respondSoon(responses);
        held.clear();
    }

    @Override
    public void invoke(Envelope response, Context context) {
        if (committedOnly) {
            sinceLastCheckpoint.add(response);
            if (sinceLastCheckpoint.size() == 1) {
                queues.responsesWaiting();
            }
        } else {
            queues.respondSoon(response);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (!sinceLastCheckpoint.isEmpty()) {
            waitingForCheckpoint.put(context.getCheckpointId(), sinceLastCheckpoint);
            sinceLastCheckpoint = new ArrayList<>();
        }
        checkpointed.update(new ArrayList<>(waitingForCheckpoint.values()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<Long, List<Envelope>> committed = waitingForCheckpoint.headMap(checkpointId, true);
        committed.values().forEach(queues::respondSoon);
        committed.clear();
    }
}
