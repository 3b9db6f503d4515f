package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands each response to the client waiting for it in this JVM. With committed responses (the default)
 * a response waits until the checkpoint that holds its effects has completed: a client never sees a
 * result that a failure could still undo. Responses held back are part of the sink's checkpoint, so
 * a restore releases those whose checkpoint completed before the failure.
 */
@SuppressWarnings("deprecation")
final class ResponseSink implements SinkFunction<Envelope>, CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final String jobId;
    private final boolean committedOnly;
    private transient List<Envelope> sinceLastCheckpoint;
    private transient TreeMap<Long, List<Envelope>> waitingForCheckpoint;
    private transient ListState<Envelope> checkpointed;
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
        checkpointed = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("held-responses", EnvelopeTypeInfo.INSTANCE));
        // restored from a completed checkpoint: what it held back is committed now
        for (Envelope response : checkpointed.get()) {
            queues.respond(response);
        }
        checkpointed.clear();
    }

    @Override
    public void invoke(Envelope response, Context context) {
        if (committedOnly) {
            sinceLastCheckpoint.add(response);
            if (sinceLastCheckpoint.size() == 1) {
                queues.responsesWaiting();
            }
        } else {
            queues.respond(response);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (!sinceLastCheckpoint.isEmpty()) {
            waitingForCheckpoint.put(context.getCheckpointId(), sinceLastCheckpoint);
            sinceLastCheckpoint = new ArrayList<>();
        }
        List<Envelope> held = new ArrayList<>();
        waitingForCheckpoint.values().forEach(held::addAll);
        checkpointed.update(held);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<Long, List<Envelope>> committed = waitingForCheckpoint.headMap(checkpointId, true);
        committed.values().forEach(responses -> responses.forEach(queues::respond));
        committed.clear();
    }
}
