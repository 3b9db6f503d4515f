package io.entityflow.flink.txn;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EntityLockSerializer;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * One key's state held as a state backend would: serialised, read back for every access, so a test
 * sees exactly what survives a checkpoint. Test code.
 */
final class MapKeyState implements EntityKeyState {
    private byte[] entity;
    private byte[] lock;
    private final Map<String, Envelope> roots = new HashMap<>();

    @Override
    public SplitEntity entity() throws Exception {
        return entity == null ? null : EntityStateSerializer.INSTANCE.fromBytes(entity);
    }

    @Override
    public void updateEntity(SplitEntity value) throws Exception {
        entity = EntityStateSerializer.INSTANCE.toBytes(value);
    }

    @Override
    public void clearEntity() {
        entity = null;
    }

    @Override
    public EntityLock lock() throws Exception {
        return lock == null ? null : EntityLockSerializer.INSTANCE.deserialize(new DataInputDeserializer(lock));
    }

    @Override
    public void updateLock(EntityLock value) throws Exception {
        if (value == null || value.isIdle()) {
            lock = null;
        } else {
            DataOutputSerializer out = new DataOutputSerializer(128);
            EntityLockSerializer.INSTANCE.serialize(value, out);
            lock = out.getCopyOfBuffer();
        }
    }

    @Override
    public Envelope transactionRoot(String txnId) {
        return roots.get(txnId);
    }

    @Override
    public void putTransactionRoot(String txnId, Envelope request) {
        roots.put(txnId, request);
    }

    @Override
    public void removeTransactionRoot(String txnId) {
        roots.remove(txnId);
    }

    boolean locked() {
        return lock != null;
    }

    int openTransactions() {
        return roots.size();
    }
}
