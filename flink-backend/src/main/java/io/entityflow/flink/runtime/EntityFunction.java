package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import io.entityflow.flink.txn.EntityEvents;
import io.entityflow.flink.inspect.RequestTraces;
import io.entityflow.flink.inspect.TaskThread;
import io.entityflow.ir.graph.OperatorUids;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyed operator of the entities: the state of the entity a key names (its fields, its lock, the
 * transactions it is the root of) lives in Flink keyed state; each envelope is handled by
 * {@link EntityEvents} (transactions, then the generated code). Envelopes for entities go on (into the
 * loop), responses to clients go to a side output.
 *
 * <p>Idempotency: a client request with an idempotency key is remembered at the entity it was sent to
 * (where its response is made, since the root method finishes there) from its arrival until
 * {@code retention} after its response. A retry that arrives meanwhile is answered with the recorded
 * response, or, while the first is still running, dropped (the client shares the first's response). Both
 * records are keyed state of the same entity, so they are in the same checkpoint as its effects.
 *
 * <p>Answers at once ({@link #RESPONSES_AT_ONCE}, when the job asks for it): a client's call that wrote nothing, to
 * an entity whose state is all in a completed checkpoint — a read of committed state, which no crash can undo, so
 * its answer need not wait for a checkpoint (docs/transactions.md, "Reads of committed state").
 */
public final class EntityFunction extends KeyedProcessFunction<String, Envelope, Envelope>
        implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EntityFunction.class);
    public static final OutputTag<Envelope> RESPONSES = new OutputTag<>("responses", EnvelopeTypeInfo.INSTANCE);
    /** Responses that may go out before the next checkpoint: they read only state a completed one holds. */
    public static final OutputTag<Envelope> RESPONSES_AT_ONCE = new OutputTag<>("responses-at-once", EnvelopeTypeInfo.INSTANCE);
    private final EntityEvents events;
    private final Duration retention;
    private final String entityType;
    private final boolean answersAtOnce;
    private transient TaskThread taskThread;
    private transient boolean keyedStateOnHeap;
    private transient RequestTraces traces;
    /** The embedded job whose request reader limits active transactions by this subtask's count, or null. */
    private String admissionJobId;
    private transient FlinkEntityKeyState state;
    private transient MapState<String, Envelope> responded;
    private transient MapState<String, Boolean> running;
    private transient KeysWrittenSinceCheckpoint written;
    /** The answer of the client call being handled, while it may still go out at once. */
    private transient List<Envelope> answersHeldBack;
    private transient boolean holdingBackAnswers;
    /** Envelopes a test holds (never in production: {@link FaultInjection#hold}). */
    private transient List<Envelope> held;
    private static final long HOLD_CHECK_MILLIS = 20;

    /**
     * @param entityType the qualified name of the entity type this function's operator holds, or null in a
     *                   test that needs no inspection (no queryable state, no traces)
     * @param answersAtOnce  whether reads of committed state are answered on {@link #RESPONSES_AT_ONCE}; only where
     *                       {@link #RESPONSES} waits for checkpoints and the two reach the client alike
     */
    public EntityFunction(EntityEvents events, Duration retention, String entityType, boolean answersAtOnce) {
        this.events = events;
        this.retention = retention;
        this.entityType = entityType;
        this.answersAtOnce = answersAtOnce;
    }

    /**
     * Keeps the count of this subtask's active transactions in the embedded job {@code jobId}'s
     * {@link TransactionAdmission}, by which its request reader limits them.
     */
    public EntityFunction countingTransactionsFor(String jobId) {
        this.admissionJobId = jobId;
        return this;
    }

    /** Set by {@link EntityOperator} before open: queries of live state are answered there. */
    void useTaskThread(TaskThread thread) {
        this.taskThread = thread;
    }

    /** Set by {@link EntityOperator} before open: whether the state backend keeps the entity objects themselves. */
    void keyedStateOnHeap(boolean onHeap) {
        this.keyedStateOnHeap = onHeap;
    }

    /** Called by the operator before {@link #open}: every key's state is in the restored checkpoint (0: none). */
    @Override
    public void initializeState(FunctionInitializationContext context) {
        written = new KeysWrittenSinceCheckpoint(context.getRestoredCheckpointId().orElse(0));
        answersHeldBack = new ArrayList<>();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        written.snapshotTaken(context.getCheckpointId());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        written.checkpointCompleted(checkpointId);
    }

    @Override
    public void open(OpenContext context) {
        held = new ArrayList<>();
        boolean inspectable = entityType != null && taskThread != null;
        TransactionAdmission admission = admissionJobId == null ? null
                : TransactionAdmission.of(admissionJobId, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        state = new FlinkEntityKeyState(getRuntimeContext(), entityType, inspectable ? OperatorUids.entity(entityType) : null, taskThread,
                keyedStateOnHeap, admission);
        traces = entityType == null ? null : RequestTraces.of(getRuntimeContext().getJobInfo().getJobId().toHexString());
        StateTtlConfig ttl = StateTtlConfig.newBuilder(retention).updateTtlOnCreateAndWrite().neverReturnExpired().build();
        MapStateDescriptor<String, Envelope> respondedDescriptor =
                new MapStateDescriptor<>("responded", Types.STRING, EnvelopeTypeInfo.INSTANCE);
        respondedDescriptor.enableTimeToLive(ttl);
        responded = getRuntimeContext().getMapState(respondedDescriptor);
        MapStateDescriptor<String, Boolean> runningDescriptor = new MapStateDescriptor<>("running", Types.STRING, Types.BOOLEAN);
        runningDescriptor.enableTimeToLive(ttl);
        running = getRuntimeContext().getMapState(runningDescriptor);
    }

    @Override
    public void processElement(Envelope envelope, Context context, Collector<Envelope> out) throws Exception {
        FaultInjection.beforeEnvelope();
        if (FaultInjection.holding(envelope)) {
            held.add(envelope);
            context.timerService().registerProcessingTimeTimer(context.timerService().currentProcessingTime() + HOLD_CHECK_MILLIS);
            return;
        }
        handle(envelope, context, out);
    }

    /** Re-checks envelopes a test holds ({@link FaultInjection#hold}); once released, they are handled. */
    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Envelope> out) throws Exception {
        if (FaultInjection.holding()) {
            context.timerService().registerProcessingTimeTimer(context.timerService().currentProcessingTime() + HOLD_CHECK_MILLIS);
            return;
        }
        String key = context.getCurrentKey();
        List<Envelope> due = new ArrayList<>();
        held.removeIf(e -> e.destinationKey().equals(key) && due.add(e));
        for (Envelope envelope : due) {
            handle(envelope, context, out);
        }
    }

    private void handle(Envelope envelope, Context context, Collector<Envelope> out) throws Exception {
        if (traces != null && traces.active() && traces.sampled(envelope.requestId())) {
            traces.record(TraceEvents.arrived(envelope, entityType));
        }
        boolean keyed = isClientRequest(envelope) && RequestIds.isIdempotencyKey(envelope.requestId());
        if (keyed) {
            Envelope recorded = responded.get(envelope.requestId());
            if (recorded != null) {
                context.output(RESPONSES, recorded);
                return;
            }
            if (running.contains(envelope.requestId())) {
                return;
            }
            running.put(envelope.requestId(), Boolean.TRUE);
        }
        String key = context.getCurrentKey();
        long writesBefore = state.writes();
        // not a keyed request (recorded, i.e. written, at its entity), not a create (a failed one writes nothing, but a
        // replay may run the constructor to another end), not a read of an entity changed since the last completed
        // checkpoint (it saw what a crash may still undo)
        holdingBackAnswers = answersAtOnce && !keyed && envelope.kind() == Envelope.Kind.CALL && isClientRequest(envelope)
                && written.durable(key);
        try {
            FaultInjection.beforeHandling(envelope);
            events.handle(envelope, envelope.destination(), state, next -> send(next, context, out));
        } catch (StateAccessException | FaultInjection.InjectedFailure genuine) {
            throw genuine; // the task fails and restarts from its checkpoint
        } catch (Exception | LinkageError | StackOverflowError failure) {
            releaseAnswersHeldBack(context, RESPONSES);
            contain(envelope, failure, context, out);
        }
        state.writeBackLock();
        boolean wrote = keyed || state.writes() != writesBefore;
        if (wrote && answersAtOnce) {
            written.written(key);
        }
        releaseAnswersHeldBack(context, wrote ? RESPONSES : RESPONSES_AT_ONCE);
    }

    private void send(Envelope next, Context context, Collector<Envelope> out) {
        if (next.destination() == null) {
            // the client's own copy: the value may be the entity's (a returned field's list), and the response sinks,
            // chained here with object reuse on, hold it past later calls that change the entity in place (free for
            // immutable values; a value that cannot be copied fails this call, contained, not the task later)
            Envelope answer = EnvelopeCodec.copy(next);
            if (RequestIds.isIdempotencyKey(answer.requestId())) {
                // the root method finished here, at the entity the request was sent to
                recordResponse(answer);
            }
            if (holdingBackAnswers) {
                answersHeldBack.add(answer); // until it is known whether handling the call wrote anything
            } else {
                context.output(RESPONSES, answer);
            }
        } else {
            out.collect(next);
        }
    }

    private void releaseAnswersHeldBack(Context context, OutputTag<Envelope> to) {
        holdingBackAnswers = false;
        if (!answersHeldBack.isEmpty()) {
            answersHeldBack.forEach(answer -> context.output(to, answer));
            answersHeldBack.clear();
        }
    }

    FlinkEntityKeyState keyState() {
        return state;
    }

    /** The responses recorded for the current key's idempotency keys (for the inspector). */
    java.util.Map<String, Envelope> recordedResponses() {
        try {
            java.util.Map<String, Envelope> recorded = new java.util.LinkedHashMap<>();
            for (var entry : responded.entries()) {
                recorded.put(entry.getKey(), entry.getValue());
            }
            return recorded;
        } catch (Exception e) {
            throw new StateAccessException("read recorded responses", e);
        }
    }

    /** The idempotency keys of requests running with the current key as their root. */
    java.util.Set<String> runningRequests() {
        try {
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            running.keys().forEach(keys::add);
            return keys;
        } catch (Exception e) {
            throw new StateAccessException("read running requests", e);
        }
    }

    /** One envelope's handling failed inside entityflow: that request fails, the job goes on. */
    private void contain(Envelope envelope, Throwable failure, Context context, Collector<Envelope> out) throws Exception {
        LOG.error("{}: {}", EnvelopeContainment.describe(envelope, envelope.destination(), failure), envelope, failure);
        if (isClientRequest(envelope) && RequestIds.isIdempotencyKey(envelope.requestId())) {
            running.remove(envelope.requestId()); // a retry may run: the failure is not recorded as its outcome
        }
        for (Envelope answer : EnvelopeContainment.answers(envelope, envelope.destination(), failure)) {
            try {
                if (answer.destination() == null) {
                    context.output(RESPONSES, answer);
                } else {
                    out.collect(answer);
                }
            } catch (RuntimeException unsendable) {
                LOG.error("cannot send the failure of request {} either; dropped", envelope.requestId(), unsendable);
            }
        }
    }

    private void recordResponse(Envelope response) {
        try {
            responded.put(response.requestId(), response);
            running.remove(response.requestId());
        } catch (Exception e) {
            throw new IllegalStateException("cannot record the response to " + response.requestId(), e);
        }
    }

    /** A call or create from a client (not from an entity, not a transaction's retry or protocol message). */
    private static boolean isClientRequest(Envelope envelope) {
        return (envelope.kind() == Envelope.Kind.CALL || envelope.kind() == Envelope.Kind.CREATE)
                && envelope.stack().isEmpty() && envelope.txn() == null;
    }
}
