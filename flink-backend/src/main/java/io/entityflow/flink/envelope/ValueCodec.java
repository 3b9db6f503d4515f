package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The binary form of the values of the entity language (primitives and boxes, String, enums, records,
 * lists/sets/maps of these, arrays, builders, entity references, exceptions of any class) and the
 * runtime's own (failures), as tagged binary with no Kryo and no Java serialization. Values written
 * through one {@link ValueWriter} form one graph that keeps shared references (a saved local and the
 * field it aliases stay one object); {@link #write} and {@link #read} are a graph of one value. Flink-free,
 * so the format is tested on its own. Anything else is refused with the value's class named: EF106 keeps
 * such types out of entity code, so reaching it is a bug worth a clear message.
 */
public final class ValueCodec {
    private static final ClassCache<RecordShape> RECORDS = new ClassCache<>(RecordShape::of);

    private ValueCodec() {
    }

    /** How a record is taken apart and put back together, looked up once per record class. */
    record RecordShape(Method[] accessors, Constructor<?> constructor) {
        static RecordShape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new RecordShape(accessors, constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
            }
        }
    }

    static RecordShape recordShape(Class<?> type) {
        return RECORDS.get(type);
    }

    /**
     * A copy of {@code value} that shares nothing mutable with it. Immutable values (null, boxes, strings,
     * entity references, enums, failures, big numbers, UUIDs, java.time values) are returned as they are;
     * anything else (collections, records, arrays, builders) goes through its binary form. Flink copies
     * state and envelopes often (heap state under a running snapshot, operator state at each checkpoint),
     * and most values are scalars, for which a round trip through bytes is pure waste.
     */
    public static Object copy(Object value) {
        if (isImmutable(value)) {
            return value;
        }
        return new ValueCopier().copy(value);
    }

    /** Each of {@code values} copied as {@link #copy} does, into a new array, as one graph (sharing kept). */
    public static Object[] copyAll(Object[] values) {
        return copyAll(values, new ValueCopier()); // the copier makes its identity map at the first mutable value only
    }

    /** Each of {@code values} copied into a new array by {@code graph}: values it copied before stay shared. */
    public static Object[] copyAll(Object[] values, ValueCopier graph) {
        Object[] copies = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            copies[i] = graph.copy(values[i]);
        }
        return copies;
    }

    /** Values that are never changed in place, so copies may share them. */
    public static boolean isImmutable(Object value) {
        return value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Boolean || value instanceof Double || value instanceof Float || value instanceof Short
                || value instanceof Byte || value instanceof Character || value instanceof Enum<?>
                || value instanceof EntityRef ref && isImmutable(ref.key())
                || value instanceof RemoteFailure f && f.thrown() == null
                || value instanceof BigDecimal || value instanceof BigInteger
                || value instanceof UUID || value instanceof Instant || value instanceof LocalDate
                || value instanceof LocalDateTime || value instanceof Duration;
    }

    /**
     * Whether a value's own class is one the codec writes (its contents are checked when written): a local
     * saved across a remote call must be, or the entity could not be checkpointed. {@code Object}-typed
     * locals are the way anything else gets there.
     */
    public static boolean isSavable(Object value) {
        return isImmutable(value) || value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>
                || value instanceof Record || value instanceof Throwable || value instanceof StringBuilder
                || value instanceof java.util.Optional<?> || value instanceof io.entityflow.ir.runtime.SplitEntity
                || value instanceof EntityRef || value instanceof RemoteFailure || value.getClass().isArray()
                && (value.getClass().getComponentType().isPrimitive() || !isOpaque(value.getClass().getComponentType()));
    }

    private static boolean isOpaque(Class<?> component) {
        return component != Object.class && !(java.util.Collection.class.isAssignableFrom(component)
                || java.util.Map.class.isAssignableFrom(component) || component.isRecord() || component.isEnum()
                || component.isArray() || Number.class.isAssignableFrom(component) || component == String.class
                || component == Boolean.class || component == Character.class || component == EntityRef.class
                || component == StringBuilder.class || Throwable.class.isAssignableFrom(component)
                || component.getName().startsWith("java.time.") || component == UUID.class);
    }

    /** One value as a graph of its own. */
    public static void write(Object value, DataOutput out) throws IOException {
        new ValueWriter(out).write(value);
    }

    public static Object read(DataInput in) throws IOException {
        return new ValueReader(in).read();
    }

    static Class<?> load(String name) throws IOException {
        try {
            return UserClasses.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IOException("class " + name + " of a serialised value is not on the class path of this job", e);
        }
    }

    public static void writeString(String s, DataOutput out) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeNullableString(String s, DataOutput out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(s, out);
        }
    }

    static String readNullableString(DataInput in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
