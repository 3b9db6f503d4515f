package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.envelope.ValueCodec;
import io.entityflow.flink.envelope.ValueCopier;
import io.entityflow.flink.envelope.ValueReader;
import io.entityflow.flink.envelope.ValueWriter;
import io.entityflow.ir.runtime.EntityFactory;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.runtime.SuspendedFrames;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flink's serializer for an entity's state: its class name, its fields in declaration order and the
 * invocations suspended at it ({@link SuspendedFrames}), all as one object graph through a
 * {@link ValueWriter}, so that a saved local naming an object of the state (or of another saved local)
 * is rebuilt as that same object. Reading rebuilds the entity with the generated restore constructor, so
 * the user's constructor never runs twice. The state backend, checkpoints, transactions' undo images and
 * the State Processor API all see this one format.
 */
public final class EntityStateSerializer extends BinarySerializer<SplitEntity> {
    private static final long serialVersionUID = 1L;
    /** Bumped when the layout changes; recorded in checkpoints through the snapshot. 2: suspended frames, one graph. */
    public static final int VERSION = 2;
    public static final EntityStateSerializer INSTANCE = new EntityStateSerializer(VERSION);
    private static final Map<String, EntityFactory> FACTORIES = new ConcurrentHashMap<>();
    /** The factory of an entity's own class (several programs may declare a class of the same name in one JVM). */
    private static final ClassValue<EntityFactory> FACTORY_OF_CLASS = new ClassValue<>() {
        @Override
        protected EntityFactory computeValue(Class<?> type) {
            try {
                return (EntityFactory) Class.forName(type.getName() + "$$Factory", true, type.getClassLoader())
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("entity class " + type.getName() + " has no generated factory", e);
            }
        }
    };
    private final int version;

    private EntityStateSerializer(int version) {
        this.version = version;
    }

    /** Reads format {@code version} (1: fields only, before frames were kept at their entity). */
    static EntityStateSerializer reading(int version) {
        return version == VERSION ? INSTANCE : new EntityStateSerializer(version);
    }

    @Override
    protected int readVersion() {
        return version;
    }

    @Override
    public void serialize(SplitEntity entity, DataOutputView target) throws IOException {
        ValueCodec.writeString(entity.getClass().getName(), target);
        Collection<Object> fields = entity.$state().values();
        target.writeShort(fields.size());
        ValueWriter graph = new ValueWriter(target);
        for (Object field : fields) {
            graph.write(field);
        }
        SuspendedFrames suspended = entity.$suspended();
        target.writeLong(suspended.nextSlot());
        target.writeInt(suspended.all().size());
        for (Map.Entry<Long, SuspendedFrames.Suspended> entry : suspended.all().entrySet()) {
            SuspendedFrames.Suspended frame = entry.getValue();
            target.writeLong(entry.getKey());
            ValueCodec.writeString(frame.method(), target);
            target.writeInt(frame.block());
            target.writeBoolean(frame.transaction() != null);
            if (frame.transaction() != null) {
                ValueCodec.writeString(frame.transaction(), target);
            }
            target.writeShort(frame.locals().length);
            for (Object local : frame.locals()) {
                graph.write(local);
            }
        }
    }

    @Override
    public SplitEntity deserialize(DataInputView source) throws IOException {
        String type = ValueCodec.readString(source);
        Object[] fields = new Object[source.readShort()];
        ValueReader graph = new ValueReader(source);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = graph.read();
        }
        SplitEntity entity = factory(type).restore(fields);
        if (version >= 2) {
            long nextSlot = source.readLong();
            int count = source.readInt();
            Map<Long, SuspendedFrames.Suspended> frames = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                long slot = source.readLong();
                String method = ValueCodec.readString(source);
                int block = source.readInt();
                String transaction = source.readBoolean() ? ValueCodec.readString(source) : null;
                Object[] locals = new Object[source.readShort()];
                for (int j = 0; j < locals.length; j++) {
                    locals[j] = graph.read();
                }
                frames.put(slot, new SuspendedFrames.Suspended(method, block, locals, transaction));
            }
            entity.$suspended().restore(frames, nextSlot);
        }
        return entity;
    }

    /**
     * Field by field and frame by frame as one graph (what a round trip through bytes gives, without the
     * bytes; immutable values shared), rebuilt without a constructor. The heap state backend copies an
     * entity whenever it is read while a snapshot of it is being written, which with frequent checkpoints
     * is most reads.
     */
    @Override
    public SplitEntity copy(SplitEntity entity) {
        ValueCopier graph = new ValueCopier();
        Object[] fields = entity.$state().values().toArray();
        for (int i = 0; i < fields.length; i++) {
            fields[i] = graph.copy(fields[i]);
        }
        SplitEntity copy = FACTORY_OF_CLASS.get(entity.getClass()).restore(fields);
        SuspendedFrames suspended = entity.$suspended();
        if (!suspended.isEmpty()) {
            Map<Long, SuspendedFrames.Suspended> frames = new LinkedHashMap<>();
            suspended.all().forEach((slot, frame) -> frames.put(slot, new SuspendedFrames.Suspended(frame.method(),
                    frame.block(), (Object[]) graph.copy(frame.locals()), frame.transaction())));
            copy.$suspended().restore(frames, suspended.nextSlot());
        } else if (suspended.nextSlot() > 0) {
            copy.$suspended().restore(Map.of(), suspended.nextSlot());
        }
        return copy;
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
            super(VERSION, 1, EntityStateSerializer::reading, "entity state");
        }
    }
}
