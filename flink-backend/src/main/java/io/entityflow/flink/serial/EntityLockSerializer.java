package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;
import io.entityflow.flink.envelope.Txn;
import io.entityflow.flink.txn.EntityLock;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flink's serializer for an entity's lock: holders and undo image (in checkpoints too). The waiting envelopes
 * are kept in a list state beside it, so that writing a hot lock costs the same whatever its queue.
 */
public final class EntityLockSerializer extends BinarySerializer<EntityLock> {
    private static final long serialVersionUID = 1L;
    /**
     * 4: with the count of entries that have left the stored line of entrants (format 3 had no such line), and -1
     * for either count when no list is stored; 3: with the count of stored queue entries that have left the queue
     * (format 2 had none: 0).
     */
    public static final int VERSION = 4;
    static final int OLDEST_READABLE = 2;
    public static final EntityLockSerializer INSTANCE = new EntityLockSerializer(VERSION);
    private final int version;

    private EntityLockSerializer(int version) {
        this.version = version;
    }

    /** Reads format {@code version} (restoring an older checkpoint), writes the current one. */
    static EntityLockSerializer reading(int version) {
        return version == VERSION ? INSTANCE : new EntityLockSerializer(version);
    }

    @Override
    protected int readVersion() {
        return version;
    }

    @Override
    public void serialize(EntityLock lock, DataOutputView target) throws IOException {
        // a lock is many small fields: into a snapshot's stream each would be a call chain and a lock per byte
        WrittenInOneCall.write(lock, target, EntityLockSerializer::write);
    }

    private static void write(EntityLock lock, DataOutputView target) throws IOException {
        EnvelopeCodec.writeTxn(lock.exclusive(), target);
        List<Txn> shared = lock.shared();
        target.writeShort(shared.size());
        for (Txn holder : shared) {
            EnvelopeCodec.writeTxn(holder, target);
        }
        byte[] undo = lock.undo();
        target.writeBoolean(lock.absentBefore());
        target.writeInt(undo == null ? -1 : undo.length);
        if (undo != null) {
            target.write(undo);
        }
        target.writeInt(lock.storedSkipped());
        target.writeInt(lock.entrantsSkipped());
    }

    @Override
    public EntityLock deserialize(DataInputView source) throws IOException {
        Txn exclusive = EnvelopeCodec.readTxn(source);
        int sharedCount = source.readShort();
        List<Txn> shared = new ArrayList<>(sharedCount);
        for (int i = 0; i < sharedCount; i++) {
            shared.add(EnvelopeCodec.readTxn(source));
        }
        boolean absentBefore = source.readBoolean();
        int undoLength = source.readInt();
        byte[] undo = null;
        if (undoLength >= 0) {
            undo = new byte[undoLength];
            source.readFully(undo);
        }
        int storedSkipped = version >= 3 ? source.readInt() : 0; // formats before 4 always read the queue's list
        int entrantsSkipped = version >= 4 ? source.readInt() : -1;
        return new EntityLock(exclusive, shared, undo, absentBefore, storedSkipped, entrantsSkipped);
    }

    @Override
    public TypeSerializerSnapshot<EntityLock> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Records the lock format version in checkpoints. */
    public static final class Snapshot extends FormatVersionSnapshot<EntityLock> {
        public Snapshot() {
            super(VERSION, OLDEST_READABLE, EntityLockSerializer::reading, "entity locks");
        }
    }
}
