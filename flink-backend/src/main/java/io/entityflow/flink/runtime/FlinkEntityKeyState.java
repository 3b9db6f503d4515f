package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EntityLockSerializer;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import io.entityflow.flink.txn.EntityKeyState;
import io.entityflow.flink.txn.EntityLock;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.flink.inspect.QueryableSerializer;
import io.entityflow.flink.inspect.TaskThread;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.List;

/**
 * {@link EntityKeyState} in Flink keyed state: scoped to the key of the envelope being processed. The lock's
 * holders are a value, its waiting envelopes a list beside it (appended to; a release admitting the first in
 * line moves a skip count kept with the holders; rewritten only when others leave it, or to compact it). The
 * lock is written back once per envelope ({@link #writeBackLock}): releasing a lock re-admits every envelope
 * waiting for it, each of which updates the lock, and with the changelog backend every state update is
 * serialised — a hot entity with n waiters would cost n² envelope serialisations per release.
 */
final class FlinkEntityKeyState implements EntityKeyState {
    static final String ENTITY = "entity";
    static final String LOCK = "lock";
    private final EntityStateSerializer entities;
    /** Whether entities keep their serialised form ({@link SplitEntity#$storedForm()}): with state on the heap. */
    private final boolean keepsForms;
    private final ValueState<SplitEntity> entity;
    private final ValueState<EntityLock> lock;
    private final ListState<Envelope> lockQueue;
    /** The lock's line of entrants (see {@link EntityLock}): apart from the queue, as a hot entity's holds thousands. */
    private final ListState<Envelope> lockEntrants;
    private final MapState<String, Envelope> transactionRoots;
    /** Told of every transaction root put and removed here, or null: a job that does not limit them. */
    private final TransactionAdmission admission;
    private EntityLock pendingLock;
    private boolean lockPending;
    /** Writes to keyed state so far, of any key: a handler that left it unchanged wrote nothing. */
    private long writes;

    /**
     * @param queryableAs prefix of the queryable-state names of the entity and its lock ({@code <prefix>/entity},
     *                    {@code <prefix>/lock}), or null when not queryable
     * @param taskThread  where queries of the live objects are answered (see {@link QueryableSerializer})
     * @param onHeap      whether the state backend keeps the entity objects (heap, with or without the changelog):
     *                    then entities keep their serialised form from write to write and snapshots reuse it. A
     *                    backend of bytes (RocksDB) reads a new object each time and serialises every write anyway
     * @param admission   the subtask's count of active transactions, kept by their roots, or null
     */
    FlinkEntityKeyState(RuntimeContext context, String entityType, String queryableAs, TaskThread taskThread, boolean onHeap,
                        TransactionAdmission admission) {
        this.keepsForms = onHeap;
        this.admission = admission;
        // the type's own serializer: checkpoints record its fields, so an upgraded program restores them by name
        entities = EntityStateSerializer.of(entityType);
        ValueStateDescriptor<SplitEntity> entityDescriptor = queryableAs == null
                ? new ValueStateDescriptor<>(ENTITY, entities)
                : new ValueStateDescriptor<>(ENTITY, new QueryableSerializer<>(entities, taskThread));
        ValueStateDescriptor<EntityLock> lockDescriptor = queryableAs == null
                ? new ValueStateDescriptor<>(LOCK, EntityLockSerializer.INSTANCE)
                : new ValueStateDescriptor<>(LOCK, new QueryableSerializer<>(EntityLockSerializer.INSTANCE, taskThread));
        if (queryableAs != null) {
            entityDescriptor.setQueryable(queryableAs + "/" + ENTITY);
            lockDescriptor.setQueryable(queryableAs + "/" + LOCK);
        }
        entity = context.getState(entityDescriptor);
        lock = context.getState(lockDescriptor);
        lockQueue = context.getListState(new ListStateDescriptor<>("lock-queue", EnvelopeTypeInfo.INSTANCE));
        lockEntrants = context.getListState(new ListStateDescriptor<>("lock-entrants", EnvelopeTypeInfo.INSTANCE));
        transactionRoots = context.getMapState(new MapStateDescriptor<>("transaction-roots", Types.STRING, EnvelopeTypeInfo.INSTANCE));
    }

    @Override
    public SplitEntity entity() {
        try {
            SplitEntity value = entity.value();
            if (keepsForms && value != null && value.$storedForm() == null) {
                // restored from a checkpoint and not written since: as it was stored, so its form is made once here,
                // not at every snapshot (a restore reads entities from bytes it does not keep)
                entities.storeForm(value);
            }
            return value;
        } catch (Exception e) {
            throw new StateAccessException("read an entity", e);
        }
    }

    @Override
    public void updateEntity(SplitEntity value) {
        writes++;
        try {
            if (keepsForms) {
                // serialised once here: the changelog writes this form, and snapshots until the next write reuse it
                entities.storeForm(value);
            }
            entity.update(value);
        } catch (Exception e) {
            throw new StateAccessException("write an entity", e);
        }
    }

    @Override
    public void clearEntity() {
        writes++;
        entity.clear();
    }

    @Override
    public EntityLock lock() {
        try {
            return storedLock();
        } catch (Exception e) {
            throw new StateAccessException("read a lock", e);
        }
    }

    private EntityLock storedLock() throws Exception {
        if (lockPending) {
            return pendingLock;
        }
        EntityLock holders = lock.value();
        if (holders == null) {
            // a lock in use always has its holders value (writeBackLock writes it, and clears both when idle):
            // entities never locked cost no read of the queue
            return null;
        }
        // a copy: the heap backend hands out the object it stores, which must not change behind its back
        return holders.withStoredQueues(read(lockQueue, holders.storedSkipped()), read(lockEntrants, holders.entrantsSkipped()));
    }

    /** A queue's stored list, not looked up when the holders say there is none (most locks never queue anyone). */
    private static Iterable<Envelope> read(ListState<Envelope> queue, int skipped) throws Exception {
        Iterable<Envelope> stored = skipped < 0 ? null : queue.get();
        return stored == null ? List.of() : stored;
    }

    @Override
    public void updateLock(EntityLock value) {
        pendingLock = value;
        lockPending = true;
    }

    /** Writes the lock to keyed state if the envelope just handled changed it; call before the key changes. */
    void writeBackLock() {
        try {
            storeLock();
        } catch (Exception e) {
            throw new StateAccessException("write a lock", e);
        }
    }

    private void storeLock() throws Exception {
        if (!lockPending) {
            return;
        }
        EntityLock value = pendingLock;
        pendingLock = null;
        lockPending = false;
        writes++;
        if (value == null || value.isIdle()) {
            lock.clear();
            // clearing an absent list would still be a changelog entry, once per transaction at every participant
            if (value == null || value.storedSkipped() >= 0) {
                lockQueue.clear();
            }
            if (value == null || value.entrantsSkipped() >= 0) {
                lockEntrants.clear();
            }
            return;
        }
        // the queue changes by appends, and by a release admitting the first in line (a skip count in the lock);
        // it is written whole only when a release takes out others, or to drop what it left behind
        write(lockQueue, value.queueChange());
        write(lockEntrants, value.entrantsChange());
        lock.update(value);
        value.waitingStored();
    }

    private static void write(ListState<Envelope> queue, EntityLock.QueueChange change) throws Exception {
        if (change.rewrite()) {
            queue.update(change.appended());
        } else if (!change.appended().isEmpty()) {
            queue.addAll(change.appended());
        }
    }

    @Override
    public Envelope transactionRoot(String txnId) {
        try {
            return transactionRoots.get(txnId);
        } catch (Exception e) {
            throw new StateAccessException("read a transaction", e);
        }
    }

    @Override
    public void putTransactionRoot(String txnId, Envelope request) {
        writes++;
        try {
            transactionRoots.put(txnId, request);
        } catch (Exception e) {
            throw new StateAccessException("write a transaction", e);
        }
        if (admission != null) {
            admission.begun(txnId);
        }
    }

    /** How many times keyed state was written through this object (the lock counted when written back). */
    long writes() {
        return writes;
    }

    /** The transactions this key is the root of (for the inspector). */
    java.util.Map<String, Envelope> transactionRoots() {
        try {
            java.util.Map<String, Envelope> roots = new java.util.LinkedHashMap<>();
            for (var entry : transactionRoots.entries()) {
                roots.put(entry.getKey(), entry.getValue());
            }
            return roots;
        } catch (Exception e) {
            throw new StateAccessException("read transactions", e);
        }
    }

    @Override
    public void removeTransactionRoot(String txnId) {
        writes++;
        try {
            transactionRoots.remove(txnId);
        } catch (Exception e) {
            throw new StateAccessException("remove a transaction", e);
        }
        if (admission != null) {
            admission.ended(txnId);
        }
    }
}
