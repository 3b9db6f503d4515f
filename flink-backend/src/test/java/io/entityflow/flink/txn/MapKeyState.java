package io.entityflow.flink.txn;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EntityLockSerializer;
import io.entityflow.flink.serial.EnvelopeSerializer;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One key's state held as a state backend would: serialised, read back for every access, so a test
 * sees exactly what survives a checkpoint. Test code.
 */
final class MapKeyState implements EntityKeyState {
    private byte[] entity;
    private byte[] lock;
    /** The waiting envelopes, stored apart from the holders as the Flink key state does (appended, or rewritten). */
    private final List<byte[]> lockQueue = new ArrayList<>();
    private final List<byte[]> lockEntrants = new ArrayList<>();
    private final Map<String, Envelope> roots = new HashMap<>();
    private int entityWrites;
    private int lockWrites;

    @Override
    public SplitEntity entity() throws Exception {
        return entity == null ? null : EntityStateSerializer.INSTANCE.fromBytes(entity);
    }

    @Override
    public void updateEntity(SplitEntity value) throws Exception {
        entityWrites++;
        EntityStateSerializer.INSTANCE.storeForm(value); // as the Flink key state does: undo images use this form
        entity = EntityStateSerializer.INSTANCE.toBytes(value);
    }

    @Override
    public void clearEntity() {
        entity = null;
    }

    @Override
    public EntityLock lock() throws Exception {
        if (lock == null) {
            return null; // as in the Flink key state: a lock in use always has its holders stored
        }
        EntityLock holders = EntityLockSerializer.INSTANCE.deserialize(new DataInputDeserializer(lock));
        // as the Flink key state: a list the holders say is absent is not read, so it must be absent here
        if ((holders.storedSkipped() < 0 && !lockQueue.isEmpty()) || (holders.entrantsSkipped() < 0 && !lockEntrants.isEmpty())) {
            throw new IllegalStateException("the lock's holders say a queue is absent that the key state holds: " + holders);
        }
        return holders.withStoredQueues(envelopes(lockQueue), envelopes(lockEntrants));
    }

    private static List<Envelope> envelopes(List<byte[]> stored) throws java.io.IOException {
        List<Envelope> envelopes = new ArrayList<>();
        for (byte[] envelope : stored) {
            envelopes.add(EnvelopeSerializer.INSTANCE.deserialize(new DataInputDeserializer(envelope)));
        }
        return envelopes;
    }

    @Override
    public void updateLock(EntityLock value) throws Exception {
        lockWrites++;
        if (value == null || value.isIdle()) {
            lock = null;
            // as the Flink key state: only the lists the holders know of are cleared
            if (value == null || value.storedSkipped() >= 0) {
                lockQueue.clear();
            }
            if (value == null || value.entrantsSkipped() >= 0) {
                lockEntrants.clear();
            }
            return;
        }
        write(lockQueue, value.queueChange()); // before the holders: they move the skip counts
        write(lockEntrants, value.entrantsChange());
        DataOutputSerializer out = new DataOutputSerializer(128);
        EntityLockSerializer.INSTANCE.serialize(value, out);
        lock = out.getCopyOfBuffer();
        value.waitingStored();
    }

    private static void write(List<byte[]> queue, EntityLock.QueueChange change) {
        if (change.rewrite()) {
            queue.clear();
        }
        change.appended().forEach(envelope -> queue.add(bytes(envelope)));
    }

    private static byte[] bytes(Envelope envelope) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(128);
            EnvelopeSerializer.INSTANCE.serialize(envelope, out);
            return out.getCopyOfBuffer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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

    /** How often the entity was written back (each write is a changelog entry in the Flink key state). */
    int entityWrites() {
        return entityWrites;
    }

    /** How often the lock was written, cleared included. */
    int lockWrites() {
        return lockWrites;
    }

    boolean locked() {
        return lock != null;
    }

    int openTransactions() {
        return roots.size();
    }
}
