package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.inspect.LiveEntities;
import io.entityflow.flink.inspect.LiveEntityState;
import io.entityflow.flink.inspect.LiveSubtask;
import io.entityflow.flink.inspect.TaskThread;
import io.entityflow.flink.txn.EntityLock;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;

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
        super.open();
        jobId = getRuntimeContext().getJobInfo().getJobId().toHexString();
        LiveEntities.register(jobId, this);
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
            org.apache.flink.runtime.state.KeyedStateBackend<String> backend = getKeyedStateBackend();
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
