package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.inspect.LiveEntities;
import io.entityflow.flink.inspect.LiveEntityState;
import io.entityflow.flink.inspect.LiveSubtask;
import io.entityflow.flink.inspect.TaskThread;
import io.entityflow.flink.txn.EntityLock;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keyed operator of one entity type: Flink's keyed process operator around {@link EntityFunction}, which
 * also lets the inspector read its state safely: on the task thread, through the mailbox
 * ({@link TaskThread}), for queryable state and for listing in an embedded run ({@link LiveEntities}).
 */
public final class EntityOperator extends KeyedProcessOperator<String, Envelope, Envelope> implements LiveSubtask {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EntityOperator.class);
    private final String entityType;
    private final EntityFunction function;
    private transient TaskThread taskThread;
    private transient String jobId;

    public EntityOperator(String entityType, EntityFunction function) {
        super(function);
        this.entityType = entityType;
        this.function = function;
    }

    @Override
    public void setup(StreamTask<?, ?> containingTask, StreamConfig config, Output<StreamRecord<Envelope>> output) {
        super.setup(containingTask, config, output);
        MaterializationThread.addOne(containingTask.getEnvironment().getAsyncOperationsThreadPool());
    }

    @Override
    public void open() throws Exception {
        taskThread = new TaskThread(getContainingTask().getMailboxExecutorFactory().createExecutor(TaskMailbox.MIN_PRIORITY),
                Thread.currentThread());
        function.useTaskThread(taskThread);
        boolean onHeap = keyedStateOnHeap();
        function.keyedStateOnHeap(onHeap);
        super.open();
        if (onHeap) {
            keepFormsOfRestoredEntities();
        }
        jobId = getRuntimeContext().getJobInfo().getJobId().toHexString();
        LiveEntities.register(jobId, this);
    }

    /**
     * Makes the serialised form of every entity a restore brought back ({@link SplitEntity#$storedForm()}), once,
     * before the first record: a restore reads them from bytes it does not keep, and an entity that is never
     * written again would otherwise be serialised anew by every snapshot — most of a large state, at each
     * changelog materialisation.
     */
    private void keepFormsOfRestoredEntities() {
        long started = System.nanoTime();
        KeyedStateBackend<String> backend = getKeyedStateBackend();
        List<String> keys;
        try (Stream<String> all = backend.getKeys(FlinkEntityKeyState.ENTITY, VoidNamespace.INSTANCE)) {
            keys = all.collect(Collectors.toList()); // first: a read may rehash the table the stream walks
        }
        for (String key : keys) {
            setCurrentKey(key);
            function.keyState().entity(); // makes the form of an entity that has none
        }
        if (!keys.isEmpty()) {
            LOG.info("{}: serialised forms of {} restored entities kept in {} ms", entityType, keys.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The heap backend, alone or under the changelog: it holds the entity objects, not their bytes. */
    private boolean keyedStateOnHeap() {
        KeyedStateBackend<?> backend = getKeyedStateBackend();
        if (backend instanceof TestableKeyedStateBackend<?> layered) {
            backend = layered.getDelegatedKeyedStateBackend(true); // the changelog's own state backend
        }
        return backend instanceof HeapKeyedStateBackend<?>;
    }

    @Override
    public void close() throws Exception {
        unregister();
        super.close();
    }

    @Override
    public void finish() throws Exception {
        unregister();
        super.finish();
    }

    private void unregister() {
        if (jobId != null) {
            LiveEntities.unregister(jobId, this);
        }
    }

    @Override
    public String entityType() {
        return entityType;
    }

    @Override
    public int subtaskIndex() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    @Override
    public boolean holds(String key) {
        var task = getRuntimeContext().getTaskInfo();
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, task.getMaxNumberOfParallelSubtasks(),
                task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask();
    }

    @Override
    public <R> R read(Function<LiveEntityState, R> work, Duration timeout) {
        return taskThread.call(() -> {
            Object current = getCurrentKey();
            try {
                return work.apply(new KeyedReads());
            } finally {
                if (current != null) {
                    setCurrentKey(current);
                }
            }
        }, timeout);
    }

    /** Reads of any key: each switches the backend's current key (restored when the read is done). */
    private final class KeyedReads implements LiveEntityState {
        @Override
        public List<String> keys() {
            KeyedStateBackend<String> backend = getKeyedStateBackend();
            try (Stream<String> keys = backend.getKeys(FlinkEntityKeyState.ENTITY, VoidNamespace.INSTANCE)) {
                return keys.collect(Collectors.toList());
            }
        }

        @Override
        public SplitEntity entity(String key) {
            setCurrentKey(key);
            return function.keyState().entity();
        }

        @Override
        public EntityLock lock(String key) {
            setCurrentKey(key);
            return function.keyState().lock();
        }

        @Override
        public Map<String, Envelope> recordedResponses(String key) {
            setCurrentKey(key);
            return function.recordedResponses();
        }

        @Override
        public Set<String> runningRequests(String key) {
            setCurrentKey(key);
            return function.runningRequests();
        }

        @Override
        public Map<String, Envelope> transactionRoots(String key) {
            setCurrentKey(key);
            return function.keyState().transactionRoots();
        }
    }
}
