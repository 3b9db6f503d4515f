package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EntityLockSerializer;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import io.entityflow.flink.txn.EntityKeyState;
import io.entityflow.flink.txn.EntityLock;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * {@link EntityKeyState} in Flink keyed state: scoped to the key of the envelope being processed. The lock
 * is written back once per envelope ({@link #writeBackLock}): releasing a lock re-admits every envelope
 * waiting for it, each of which updates the lock, and with the changelog backend every state update is
 * serialised — a hot entity with n waiters would cost n² envelope serialisations per release.
 */
final class FlinkEntityKeyState implements EntityKeyState {
    private final ValueState<SplitEntity> entity;
    private final ValueState<EntityLock> lock;
    private final MapState<String, Envelope> transactionRoots;
    private EntityLock pendingLock;
    private boolean lockPending;

    FlinkEntityKeyState(RuntimeContext context) {
        entity = context.getState(new ValueStateDescriptor<>("entity", EntityStateSerializer.INSTANCE));
        lock = context.getState(new ValueStateDescriptor<>("lock", EntityLockSerializer.INSTANCE));
        transactionRoots = context.getMapState(new MapStateDescriptor<>("transaction-roots", Types.STRING, EnvelopeTypeInfo.INSTANCE));
    }

    @Override
    public SplitEntity entity() throws Exception {
        return entity.value();
    }

    @Override
    public void updateEntity(SplitEntity value) throws Exception {
        entity.update(value);
    }

    @Override
    public void clearEntity() {
        entity.clear();
    }

    @Override
    public EntityLock lock() throws Exception {
        return lockPending ? pendingLock : lock.value();
    }

    @Override
    public void updateLock(EntityLock value) {
        pendingLock = value;
        lockPending = true;
    }

    /** Writes the lock to keyed state if the envelope just handled changed it; call before the key changes. */
    void writeBackLock() throws Exception {
        if (!lockPending) {
            return;
        }
        EntityLock value = pendingLock;
        pendingLock = null;
        lockPending = false;
        if (value == null || value.isIdle()) {
            lock.clear();
        } else {
            lock.update(value);
        }
    }

    @Override
    public Envelope transactionRoot(String txnId) throws Exception {
        return transactionRoots.get(txnId);
    }

    @Override
    public void putTransactionRoot(String txnId, Envelope request) throws Exception {
        transactionRoots.put(txnId, request);
    }

    @Override
    public void removeTransactionRoot(String txnId) throws Exception {
        transactionRoots.remove(txnId);
    }
}
