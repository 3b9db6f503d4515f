package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes the values of the entity language (ARCHITECTURE §3: primitives and boxes, String, enums,
 * records, lists/sets/maps of these, entity references) and the runtime's own (failures, exceptions
 * pending in a frame) as tagged binary, with no Kryo and no Java serialization. Flink-free, so the
 * format is tested on its own. Anything else is refused with the value's class named: EF106 keeps such
 * types out of entity code, so reaching it is a bug worth a clear message.
 */
public final class ValueCodec {
    private static final byte NULL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte FLOAT = 6;
    private static final byte SHORT = 7;
    private static final byte BYTE = 8;
    private static final byte CHAR = 9;
    private static final byte STRING = 10;
    private static final byte ENTITY_REF = 11;
    private static final byte LIST = 12;
    private static final byte SET = 13;
    private static final byte SORTED_SET = 14;
    private static final byte MAP = 15;
    private static final byte SORTED_MAP = 16;
    private static final byte ENUM = 17;
    private static final byte RECORD = 18;
    private static final byte FAILURE = 19;
    private static final byte THROWABLE = 20;
    private static final byte ARRAY = 21;
    private static final byte BIG_DECIMAL = 22;
    private static final byte BIG_INTEGER = 23;
    private static final byte UUID_TAG = 24;
    private static final byte INSTANT = 25;
    private static final byte LOCAL_DATE = 26;
    private static final byte LOCAL_DATE_TIME = 27;
    private static final byte DURATION = 28;
    private static final byte OPTIONAL = 29;
    private static final byte STRING_BUILDER = 30;

    private static final ClassValue<RecordShape> RECORDS = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private ValueCodec() {
    }

    /** How a record is taken apart and put back together, looked up once per record class. */
    private record RecordShape(Method[] accessors, Constructor<?> constructor) {
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
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            write(value, new DataOutputStream(bytes));
            return read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy a " + value.getClass().getName(), e);
        }
    }

    /** Each of {@code values} copied as {@link #copy} does, into a new array. */
    public static Object[] copyAll(Object[] values) {
        Object[] copies = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            copies[i] = copy(values[i]);
        }
        return copies;
    }

    private static boolean isImmutable(Object value) {
        return value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Boolean || value instanceof Double || value instanceof Float || value instanceof Short
                || value instanceof Byte || value instanceof Character || value instanceof Enum<?>
                || value instanceof EntityRef ref && isImmutable(ref.key())
                || value instanceof RemoteFailure || value instanceof BigDecimal || value instanceof BigInteger
                || value instanceof UUID || value instanceof Instant || value instanceof LocalDate
                || value instanceof LocalDateTime || value instanceof Duration;
    }

    public static void write(Object value, DataOutput out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(s, out);
        } else if (value instanceof EntityRef ref) {
            out.writeByte(ENTITY_REF);
            writeString(ref.type(), out);
            write(ref.key(), out);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            writeElements(list, out);
        } else if (value instanceof SortedSet<?> set && set.comparator() == null) {
            out.writeByte(SORTED_SET);
            writeElements(set, out);
        } else if (value instanceof Set<?> set) {
            out.writeByte(SET);
            writeElements(set, out);
        } else if (value instanceof SortedMap<?, ?> map && map.comparator() == null) {
            out.writeByte(SORTED_MAP);
            writeEntries(map, out);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            writeEntries(map, out);
        } else if (value instanceof Enum<?> e) {
            out.writeByte(ENUM);
            writeString(e.getDeclaringClass().getName(), out);
            writeString(e.name(), out);
        } else if (value instanceof Record record) {
            writeRecord(record, out);
        } else if (value instanceof RemoteFailure failure) {
            out.writeByte(FAILURE);
            writeString(failure.exceptionType(), out);
            writeNullableString(failure.message(), out);
        } else if (value instanceof Throwable t) {
            out.writeByte(THROWABLE);
            writeString(t.getClass().getName(), out);
            writeNullableString(t.getMessage(), out);
        } else if (value.getClass().isArray()) {
            out.writeByte(ARRAY);
            writeString(value.getClass().getComponentType().getName(), out);
            int length = Array.getLength(value);
            out.writeInt(length);
            for (int i = 0; i < length; i++) {
                write(Array.get(value, i), out);
            }
        } else {
            writeJdkValue(value, out);
        }
    }

    private static void writeJdkValue(Object value, DataOutput out) throws IOException {
        if (value instanceof BigDecimal d) {
            out.writeByte(BIG_DECIMAL);
            writeString(d.toString(), out);
        } else if (value instanceof BigInteger i) {
            out.writeByte(BIG_INTEGER);
            writeString(i.toString(), out);
        } else if (value instanceof UUID u) {
            out.writeByte(UUID_TAG);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else if (value instanceof Instant i) {
            out.writeByte(INSTANT);
            out.writeLong(i.getEpochSecond());
            out.writeInt(i.getNano());
        } else if (value instanceof LocalDate d) {
            out.writeByte(LOCAL_DATE);
            out.writeLong(d.toEpochDay());
        } else if (value instanceof LocalDateTime t) {
            out.writeByte(LOCAL_DATE_TIME);
            writeString(t.toString(), out);
        } else if (value instanceof Duration d) {
            out.writeByte(DURATION);
            out.writeLong(d.getSeconds());
            out.writeInt(d.getNano());
        } else if (value instanceof StringBuilder b) {
            // a local being built across a remote call (saved in a frame)
            out.writeByte(STRING_BUILDER);
            writeString(b.toString(), out);
        } else if (value instanceof Optional<?> o) {
            out.writeByte(OPTIONAL);
            write(o.orElse(null), out);
        } else {
            throw new IllegalArgumentException("entityflow cannot serialise a " + value.getClass().getName()
                    + ": entity state, arguments and results must be values (see EF106)");
        }
    }

    private static void writeRecord(Record record, DataOutput out) throws IOException {
        RecordShape shape = RECORDS.get(record.getClass());
        out.writeByte(RECORD);
        writeString(record.getClass().getName(), out);
        out.writeShort(shape.accessors().length);
        for (Method accessor : shape.accessors()) {
            try {
                write(accessor.invoke(record), out);
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot read component " + accessor.getName() + " of " + record.getClass().getName(), e);
            }
        }
    }

    private static void writeElements(Collection<?> elements, DataOutput out) throws IOException {
        out.writeInt(elements.size());
        for (Object element : elements) {
            write(element, out);
        }
    }

    private static void writeEntries(Map<?, ?> map, DataOutput out) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            write(entry.getKey(), out);
            write(entry.getValue(), out);
        }
    }

    public static Object read(DataInput in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case FALSE: return Boolean.FALSE;
            case TRUE: return Boolean.TRUE;
            case INT: return in.readInt();
            case LONG: return in.readLong();
            case STRING: return readString(in);
            case ENTITY_REF: return new EntityRef(readString(in), read(in));
            case DOUBLE: return in.readDouble();
            case FLOAT: return in.readFloat();
            case SHORT: return in.readShort();
            case BYTE: return in.readByte();
            case CHAR: return in.readChar();
            case LIST: return readElements(in, new ArrayList<>());
            case SET: return readElements(in, new LinkedHashSet<>());
            case SORTED_SET: return readElements(in, new TreeSet<>());
            case MAP: return readEntries(in, new LinkedHashMap<>());
            case SORTED_MAP: return readEntries(in, new TreeMap<>());
            case ENUM: return readEnum(in);
            case RECORD: return readRecord(in);
            case FAILURE: return new RemoteFailure(readString(in), readNullableString(in));
            case THROWABLE: return new RemoteFailure(readString(in), readNullableString(in)).toThrowable(UserClasses.loader());
            case ARRAY: return readArray(in);
            case BIG_DECIMAL: return new BigDecimal(readString(in));
            case BIG_INTEGER: return new BigInteger(readString(in));
            case UUID_TAG: return new UUID(in.readLong(), in.readLong());
            case INSTANT: return Instant.ofEpochSecond(in.readLong(), in.readInt());
            case LOCAL_DATE: return LocalDate.ofEpochDay(in.readLong());
            case LOCAL_DATE_TIME: return LocalDateTime.parse(readString(in));
            case DURATION: return Duration.ofSeconds(in.readLong(), in.readInt());
            case OPTIONAL: return Optional.ofNullable(read(in));
            case STRING_BUILDER: return new StringBuilder(readString(in));
            default: throw new IOException("corrupt value: unknown tag " + tag);
        }
    }

    private static <C extends Collection<Object>> C readElements(DataInput in, C into) throws IOException {
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            into.add(read(in));
        }
        return into;
    }

    private static Map<Object, Object> readEntries(DataInput in, Map<Object, Object> into) throws IOException {
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            Object key = read(in);
            into.put(key, read(in));
        }
        return into;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readEnum(DataInput in) throws IOException {
        String type = readString(in);
        String name = readString(in);
        return Enum.valueOf((Class<Enum>) load(type), name);
    }

    private static Object readRecord(DataInput in) throws IOException {
        Class<?> type = load(readString(in));
        RecordShape shape = RECORDS.get(type);
        int count = in.readShort();
        Object[] components = new Object[count];
        for (int i = 0; i < count; i++) {
            components[i] = read(in);
        }
        try {
            return shape.constructor().newInstance(components);
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot rebuild record " + type.getName(), e);
        }
    }

    private static Object readArray(DataInput in) throws IOException {
        Class<?> component = load(readString(in));
        int length = in.readInt();
        Object array = Array.newInstance(component, length);
        for (int i = 0; i < length; i++) {
            Array.set(array, i, read(in));
        }
        return array;
    }

    private static Class<?> load(String name) throws IOException {
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

    private static void writeNullableString(String s, DataOutput out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(s, out);
        }
    }

    private static String readNullableString(DataInput in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
