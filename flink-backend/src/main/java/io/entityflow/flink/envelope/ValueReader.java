package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static io.entityflow.flink.envelope.ValueTags.*;

/**
 * Reads one object graph written by a {@link ValueWriter}: objects are registered in the order the writer
 * met them (before their contents, so that contents may refer back to them), and back references resolve
 * to the very object read before.
 */
public final class ValueReader {
    private final DataInput in;
    private final boolean formatTwoExceptions;
    private List<Object> objects;

    public ValueReader(DataInput in) {
        this(in, false);
    }

    /**
     * @param formatTwoExceptions read exceptions and failures as envelope format 2 wrote them (class name
     *                            and message only), for checkpoints taken before exceptions were values
     */
    public ValueReader(DataInput in, boolean formatTwoExceptions) {
        this.in = in;
        this.formatTwoExceptions = formatTwoExceptions;
    }

    public Object read() throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case FALSE: return Boolean.FALSE;
            case TRUE: return Boolean.TRUE;
            case INT: return in.readInt();
            case LONG: return in.readLong();
            case STRING: return ValueCodec.readString(in);
            case ENTITY_REF: return EntityRef.of(ValueCodec.readString(in), read());
            case DOUBLE: return in.readDouble();
            case FLOAT: return in.readFloat();
            case SHORT: return in.readShort();
            case BYTE: return in.readByte();
            case CHAR: return in.readChar();
            case LIST: return readElements(register(new ArrayList<>()));
            case SET: return readElements(register(new LinkedHashSet<>()));
            case SORTED_SET: return readElements(register(new TreeSet<>()));
            case MAP: return readEntries(register(new LinkedHashMap<>()));
            case SORTED_MAP: return readEntries(register(new TreeMap<>()));
            case ENUM: return readEnum();
            case RECORD: return readRecord();
            case FAILURE: return readFailure();
            case THROWABLE: return readThrowable();
            case ARRAY: return readArray();
            case BIG_DECIMAL: return new BigDecimal(ValueCodec.readString(in));
            case BIG_INTEGER: return new BigInteger(ValueCodec.readString(in));
            case UUID_TAG: return new UUID(in.readLong(), in.readLong());
            case INSTANT: return Instant.ofEpochSecond(in.readLong(), in.readInt());
            case LOCAL_DATE: return LocalDate.ofEpochDay(in.readLong());
            case LOCAL_DATE_TIME: return LocalDateTime.parse(ValueCodec.readString(in));
            case DURATION: return Duration.ofSeconds(in.readLong(), in.readInt());
            case OPTIONAL: return Optional.ofNullable(read());
            case STRING_BUILDER: return register(new StringBuilder(ValueCodec.readString(in)));
            case BACK_REFERENCE: return backReference(in.readInt());
            default: throw new IOException("corrupt value: unknown tag " + tag);
        }
    }

    private <T> T register(T object) {
        if (objects == null) {
            objects = new ArrayList<>();
        }
        objects.add(object);
        return object;
    }

    /** A place for an object that can only be made after its contents (records, exceptions). */
    private int reserve() {
        register(null);
        return objects.size() - 1;
    }

    private Object backReference(int index) throws IOException {
        if (objects == null || index < 0 || index >= objects.size()) {
            throw new IOException("corrupt value: back reference " + index + " to an object not read yet");
        }
        Object object = objects.get(index);
        if (object == null) {
            throw new IOException("a record or exception contains itself through its components; entityflow cannot rebuild such a cycle");
        }
        return object;
    }

    private <C extends Collection<Object>> C readElements(C into) throws IOException {
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            into.add(read());
        }
        return into;
    }

    private Map<Object, Object> readEntries(Map<Object, Object> into) throws IOException {
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            Object key = read();
            into.put(key, read());
        }
        return into;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readEnum() throws IOException {
        String type = ValueCodec.readString(in);
        String name = ValueCodec.readString(in);
        return Enum.valueOf((Class<Enum>) ValueCodec.load(type), name);
    }

    private Object readRecord() throws IOException {
        int slot = reserve();
        Class<?> type = ValueCodec.load(ValueCodec.readString(in));
        ValueCodec.RecordShape shape = ValueCodec.recordShape(type);
        int count = in.readShort();
        Object[] components = new Object[count];
        for (int i = 0; i < count; i++) {
            components[i] = read();
        }
        try {
            Object record = shape.constructor().newInstance(components);
            objects.set(slot, record);
            return record;
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot rebuild record " + type.getName(), e);
        }
    }

    private Object readArray() throws IOException {
        Class<?> component = ValueCodec.load(ValueCodec.readString(in));
        int length = in.readInt();
        Object array = register(Array.newInstance(component, length));
        for (int i = 0; i < length; i++) {
            Array.set(array, i, read());
        }
        return array;
    }

    private Throwable readThrowable() throws IOException {
        if (formatTwoExceptions) {
            return new RemoteFailure(ValueCodec.readString(in), ValueCodec.readNullableString(in)).toThrowable(UserClasses.loader());
        }
        int slot = reserve();
        String typeName = ValueCodec.readString(in);
        Class<?> type = ValueCodec.load(typeName);
        String message = ValueCodec.readNullableString(in);
        Throwable cause = (Throwable) read();
        Throwable exception;
        try {
            exception = ExceptionValues.allocate(type, message, cause);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IOException("cannot rebuild exception " + typeName, e);
        }
        objects.set(slot, exception);
        int suppressed = in.readShort();
        for (int i = 0; i < suppressed; i++) {
            Throwable s = (Throwable) read();
            if (s != null && s != exception) {
                exception.addSuppressed(s);
            }
        }
        List<Field> fields = ExceptionValues.shape(type).fields();
        int count = in.readShort();
        for (int i = 0; i < count; i++) {
            String owner = ValueCodec.readString(in);
            String name = ValueCodec.readString(in);
            Object value = read();
            for (Field field : fields) {
                if (field.getName().equals(name) && field.getDeclaringClass().getName().equals(owner)) {
                    try {
                        field.set(exception, value);
                    } catch (IllegalAccessException | IllegalArgumentException e) {
                        throw new IOException("cannot restore field " + name + " of " + typeName, e);
                    }
                }
            }
        }
        return exception;
    }

    private RemoteFailure readFailure() throws IOException {
        String type = ValueCodec.readString(in);
        String message = ValueCodec.readNullableString(in);
        if (formatTwoExceptions) {
            return new RemoteFailure(type, message);
        }
        int length = in.readInt();
        if (length < 0) {
            return new RemoteFailure(type, message);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        try {
            Throwable thrown = (Throwable) new ValueReader(new DataInputStream(new ByteArrayInputStream(bytes))).read();
            return new RemoteFailure(type, message, thrown);
        } catch (IOException | RuntimeException classesNotHere) {
            // a reader without the program's classes (a client): class name and message are what it needs
            return new RemoteFailure(type, message);
        }
    }
}
