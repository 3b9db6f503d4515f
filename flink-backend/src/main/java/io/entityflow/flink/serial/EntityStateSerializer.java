package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.envelope.ValueCodec;
import io.entityflow.flink.envelope.ValueCopier;
import io.entityflow.flink.envelope.ValueReader;
import io.entityflow.flink.envelope.ValueWriter;
import io.entityflow.ir.runtime.EntityFactory;
import io.entityflow.ir.runtime.EntitySchema;
import io.entityflow.ir.runtime.Restore;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.runtime.SuspendedFrames;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
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
    /** For values of any entity type (undo images, tools); a state's own serializer is {@link #of(String)}. */
    public static final EntityStateSerializer INSTANCE = new EntityStateSerializer(VERSION, null, null);
    private static final Map<String, EntityFactory> FACTORIES = new ConcurrentHashMap<>();
    private static volatile int factoriesGeneration = -1;
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
    /** The entity type of the state this serializes (its schema goes into checkpoints), or null for any. */
    private final String entityType;
    /** The fields of the state being restored, when they may differ from this code's (an upgrade), or null. */
    private final EntitySchema savedSchema;

    private EntityStateSerializer(int version, String entityType, EntitySchema savedSchema) {
        this.version = version;
        this.entityType = entityType;
        this.savedSchema = savedSchema;
    }

    /** The serializer of one entity type's state: its checkpoints record the type's fields. */
    public static EntityStateSerializer of(String entityType) {
        return new EntityStateSerializer(VERSION, entityType, null);
    }

    /**
     * Reads format {@code version} (1: fields only, before frames were kept at their entity) of state saved
     * with {@code saved} fields (null: this code's fields, in order), restoring field by field, by name.
     */
    static EntityStateSerializer reading(int version, String entityType, EntitySchema saved) {
        return new EntityStateSerializer(version, entityType, saved);
    }

    @Override
    protected int readVersion() {
        return version;
    }

    @Override
    public void serialize(SplitEntity entity, DataOutputView target) throws IOException {
        byte[] stored = entity.$storedForm();
        if (stored != null) {
            target.write(stored); // unchanged since written: most entities at a snapshot (see storedForm)
            return;
        }
        // one write instead of calls per byte (docs/benchmarks.md)
        WrittenInOneCall.write(entity, target, this::write);
    }

    /**
     * Serialises the entity as it is now and keeps that form with it ({@link SplitEntity#$storedForm()}): called
     * whenever the entity is written to state, so the changelog, every snapshot until the next write and undo
     * images reuse it. A periodic full snapshot (the changelog's materialisation) otherwise serialised every
     * entity again, changed or not — with 860,000 entities the largest consumer of CPU after the entities' own
     * work (docs/benchmarks.md, "Eleventh session").
     *
     * <p>A form of the same length is overwritten in place: a new array per write lived until the entity's next
     * write, so most of them reached the old generation and the collector's work grew by more than the snapshots
     * saved. That is safe because each form belongs to one entity object: {@link #copy} and {@link #toBytes} hand
     * out copies, and a snapshot being written never reads the object the task is writing (the heap backend gives
     * the task a copy of any entity a running snapshot holds).
     */
    public void storeForm(SplitEntity entity) throws IOException {
        byte[] kept = entity.$storedForm();
        byte[] form;
        try {
            form = WrittenInOneCall.toArray(entity, this::write, kept);
        } catch (IOException | RuntimeException | Error failed) {
            entity.$storedForm(null); // what was kept no longer describes the entity
            throw failed;
        }
        if (form != kept) {
            entity.$storedForm(form); // else nothing to store: a reference store costs the collector a card
        }
    }

    private void write(SplitEntity entity, DataOutputView target) throws IOException {
        ValueCodec.writeString(entity.getClass().getName(), target);
        Object[] fields = entity.$fieldValues();
        target.writeShort(fields.length);
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
        EntityFactory factory = factory(type);
        SplitEntity entity = factory.restore(savedSchema == null ? fields : byName(fields, savedSchema, factory.schema()));
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
        Object[] fields = entity.$fieldValues();
        for (int i = 0; i < fields.length; i++) {
            fields[i] = graph.copy(fields[i]);
        }
        SplitEntity copy = FACTORY_OF_CLASS.get(entity.getClass()).restore(fields);
        byte[] form = entity.$storedForm();
        copy.$storedForm(form == null ? null : form.clone()); // equal to the original; its own array (storeForm)
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

    /** Saved fields placed where this code has them; fields it added stay {@link Restore#ABSENT}, removed ones go. */
    private static Object[] byName(Object[] saved, EntitySchema savedSchema, EntitySchema current) {
        Object[] fields = new Object[current.fields().size()];
        java.util.Arrays.fill(fields, Restore.ABSENT);
        for (int i = 0; i < saved.length && i < savedSchema.fields().size(); i++) {
            int now = current.indexOf(savedSchema.fields().get(i).name());
            if (now >= 0) {
                fields[now] = saved[i];
            }
        }
        return fields;
    }

    /** The fields the code of an entity type in this JVM saves, or null when the type is not loaded here. */
    static EntitySchema schemaOf(String type) {
        try {
            return factory(type).schema();
        } catch (IOException notLoaded) {
            return null;
        }
    }

    private static EntityFactory factory(String type) throws IOException {
        int generation = UserClasses.generation();
        if (factoriesGeneration != generation) {
            // another program was registered in this JVM: a type name may now mean its class
            FACTORIES.clear();
            factoriesGeneration = generation;
        }
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

    /**
     * The entity's serialised form (an undo image of a transaction, a test's stored state): a copy of the one kept
     * since it was last written, if any (that array is overwritten by the entity's next write).
     */
    public byte[] toBytes(SplitEntity entity) throws IOException {
        byte[] stored = entity.$storedForm();
        return stored != null ? stored.clone() : WrittenInOneCall.toArray(entity, this::write, null);
    }

    public SplitEntity fromBytes(byte[] bytes) throws IOException {
        return deserialize(new org.apache.flink.core.memory.DataInputDeserializer(bytes));
    }

    @Override
    public TypeSerializerSnapshot<SplitEntity> snapshotConfiguration() {
        return new Snapshot(entityType);
    }

    /**
     * What checkpoints record about an entity state: the format version and (since snapshot version 3) the
     * entity type with the fields its code saved. Restoring with code whose fields differ migrates the state
     * by field name — added fields take their initial values, removed ones are dropped; a field whose type
     * changed, or another key, is incompatible and Flink refuses the restore.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<SplitEntity> {
        /** 3: the schema beside the (unchanged) format 2. */
        private static final int SNAPSHOT_VERSION = 3;
        private int snapshotVersion = SNAPSHOT_VERSION;
        private String entityType;
        private EntitySchema schema;

        /** For Flink, which reads the snapshot into it. */
        public Snapshot() {
        }

        Snapshot(String entityType) {
            this.entityType = entityType;
        }

        /** The saved fields (null for older snapshots, or state of no one type). */
        public EntitySchema schema() {
            return schema;
        }

        private int formatVersion() {
            return Math.min(snapshotVersion, VERSION);
        }

        @Override
        public int getCurrentVersion() {
            return SNAPSHOT_VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            EntitySchema fields = entityType == null ? null : schemaOf(entityType);
            out.writeBoolean(fields != null);
            if (fields != null) {
                SchemaCodec.write(fields, out);
            }
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
            snapshotVersion = readVersion;
            if (readVersion >= 3 && in.readBoolean()) {
                schema = SchemaCodec.read(in);
                entityType = schema.type();
            }
        }

        @Override
        public TypeSerializer<SplitEntity> restoreSerializer() {
            if (snapshotVersion < 1 || snapshotVersion > SNAPSHOT_VERSION) {
                throw new IllegalStateException("this checkpoint holds entity state in format " + snapshotVersion
                        + " but this entityflow reads formats 1 to " + SNAPSHOT_VERSION);
            }
            return reading(formatVersion(), entityType, schema);
        }

        @Override
        public TypeSerializerSchemaCompatibility<SplitEntity> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SplitEntity> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old) || old.snapshotVersion < 1 || old.snapshotVersion > SNAPSHOT_VERSION) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            EntitySchema now = entityType == null ? null : schemaOf(entityType);
            if (old.schema != null && now != null) {
                if (!SchemaChanges.between(old.schema, now).incompatibilities().isEmpty()) {
                    return TypeSerializerSchemaCompatibility.incompatible();
                }
                if (!old.schema.equals(now)) {
                    return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
                }
            }
            return old.formatVersion() == VERSION ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
