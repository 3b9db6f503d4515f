package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.envelope.ValueCodec;
import io.entityflow.ir.runtime.EntityFactory;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flink's serializer for an entity's state: its class name and its fields in declaration order, each
 * through {@link ValueCodec}. Reading rebuilds the entity with the generated restore constructor, so the
 * user's constructor never runs twice. The state backend, checkpoints and the State Processor API all
 * see this one format.
 */
public final class EntityStateSerializer extends BinarySerializer<SplitEntity> {
    private static final long serialVersionUID = 1L;
    /** Bumped when the layout changes; recorded in checkpoints through the snapshot. */
    public static final int VERSION = 1;
    public static final EntityStateSerializer INSTANCE = new EntityStateSerializer();
    private static final Map<String, EntityFactory> FACTORIES = new ConcurrentHashMap<>();

    @Override
    public void serialize(SplitEntity entity, DataOutputView target) throws IOException {
        ValueCodec.writeString(entity.getClass().getName(), target);
        Collection<Object> fields = entity.$state().values();
        target.writeShort(fields.size());
        for (Object field : fields) {
            ValueCodec.write(field, target);
        }
    }

    @Override
    public SplitEntity deserialize(DataInputView source) throws IOException {
        String type = ValueCodec.readString(source);
        Object[] fields = new Object[source.readShort()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = ValueCodec.read(source);
        }
        return factory(type).restore(fields);
    }

    /**
     * Field by field, without a constructor: immutable values shared, the rest copied by
     * {@link ValueCodec#copy}. The heap state backend copies an entity whenever it is read while a snapshot
     * of it is being written, which with frequent checkpoints is most reads.
     */
    @Override
    public SplitEntity copy(SplitEntity entity) {
        Collection<Object> values = entity.$state().values();
        Object[] fields = new Object[values.size()];
        int i = 0;
        for (Object value : values) {
            fields[i++] = ValueCodec.copy(value);
        }
        try {
            return factory(entity.getClass().getName()).restore(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EntityFactory factory(String type) throws IOException {
        EntityFactory factory = FACTORIES.get(type);
        if (factory == null) {
            try {
                factory = (EntityFactory) UserClasses.forName(type + "$$Factory").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IOException("state of entity type " + type + " cannot be restored: its generated class is"
                        + " not loaded in this job", e);
            }
            FACTORIES.put(type, factory);
        }
        return factory;
    }

    /** The entity's serialised form (an undo image of a transaction, a test's stored state). */
    public byte[] toBytes(SplitEntity entity) throws IOException {
        org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(256);
        serialize(entity, out);
        return out.getCopyOfBuffer();
    }

    public SplitEntity fromBytes(byte[] bytes) throws IOException {
        return deserialize(new org.apache.flink.core.memory.DataInputDeserializer(bytes));
    }

    @Override
    public TypeSerializerSnapshot<SplitEntity> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Records the entity state format version in checkpoints. */
    public static final class Snapshot extends FormatVersionSnapshot<SplitEntity> {
        public Snapshot() {
            super(VERSION, INSTANCE, "entity state");
        }
    }
}
