package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.runtime.SplitEntity;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;

import static io.entityflow.flink.envelope.ValueTags.*;

/**
 * Writes one object graph in {@link ValueCodec}'s form: every value written through the same writer
 * belongs to one graph, in which an object met a second time (a list two fields share, a builder a saved
 * local and its alias both name, a list that contains itself) is written as a back reference, so the
 * reader rebuilds the same sharing. Objects that Java compares by identity and that can change — or that
 * the program may compare with {@code ==} — take part: collections, maps, arrays, records, builders,
 * exceptions. Immutable scalars do not. An entity reference {@code this} that escaped as an object is
 * written as its reference.
 */
public final class ValueWriter {
    private final DataOutput out;
    private SeenObjects seen;

    public ValueWriter(DataOutput out) {
        this.out = out;
    }

    public void write(Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
            return;
        }
        ValueKind kind = ValueKind.of(value.getClass());
        switch (kind) {
            case BOOLEAN -> out.writeByte((Boolean) value ? TRUE : FALSE);
            case INT -> {
                out.writeByte(INT);
                out.writeInt((Integer) value);
            }
            case LONG -> {
                out.writeByte(LONG);
                out.writeLong((Long) value);
            }
            case STRING -> {
                out.writeByte(STRING);
                ValueCodec.writeString((String) value, out);
            }
            case ENTITY_REF -> writeRef((EntityRef) value);
            case DOUBLE -> {
                out.writeByte(DOUBLE);
                out.writeDouble((Double) value);
            }
            case FLOAT -> {
                out.writeByte(FLOAT);
                out.writeFloat((Float) value);
            }
            case SHORT -> {
                out.writeByte(SHORT);
                out.writeShort((Short) value);
            }
            case BYTE -> {
                out.writeByte(BYTE);
                out.writeByte((Byte) value);
            }
            case CHAR -> {
                out.writeByte(CHAR);
                out.writeChar((Character) value);
            }
            case ENUM -> {
                Enum<?> e = (Enum<?>) value;
                out.writeByte(ENUM);
                ValueCodec.writeString(e.getDeclaringClass().getName(), out);
                ValueCodec.writeString(e.name(), out);
            }
            case SPLIT_ENTITY -> writeRef(((SplitEntity) value).$ref());
            case FAILURE -> writeFailure((RemoteFailure) value);
            case JDK -> writeJdkValue(value);
            default -> writeShared(value, kind);
        }
    }

    private void writeRef(EntityRef ref) throws IOException {
        out.writeByte(ENTITY_REF);
        ValueCodec.writeString(ref.type(), out);
        write(ref.key());
    }

    /** Values with identity: written once, then referred to. */
    private void writeShared(Object value, ValueKind kind) throws IOException {
        if (seen == null) {
            seen = new SeenObjects();
        }
        int index = seen.indexOf(value);
        if (index >= 0) {
            out.writeByte(BACK_REFERENCE);
            out.writeInt(index);
            return;
        }
        seen.add(value);
        switch (kind) {
            case LIST -> {
                out.writeByte(LIST);
                writeElements((List<?>) value);
            }
            case SORTED_SET -> {
                SortedSet<?> set = (SortedSet<?>) value;
                out.writeByte(set.comparator() == null ? SORTED_SET : SET);
                writeElements(set);
            }
            case SET -> {
                out.writeByte(SET);
                writeElements((Set<?>) value);
            }
            case SORTED_MAP -> {
                SortedMap<?, ?> map = (SortedMap<?, ?>) value;
                out.writeByte(map.comparator() == null ? SORTED_MAP : MAP);
                writeEntries(map);
            }
            case MAP -> {
                out.writeByte(MAP);
                writeEntries((Map<?, ?>) value);
            }
            case RECORD -> writeRecord((Record) value);
            case THROWABLE -> writeThrowable((Throwable) value);
            case STRING_BUILDER -> {
                out.writeByte(STRING_BUILDER);
                ValueCodec.writeString(value.toString(), out);
            }
            case ARRAY -> writeArray(value);
            default -> throw new IllegalArgumentException("entityflow cannot serialise a " + value.getClass().getName()
                    + ": entity state, arguments and results must be values (see EF106)");
        }
    }

    private void writeArray(Object array) throws IOException {
        out.writeByte(ARRAY);
        ValueCodec.writeString(array.getClass().getComponentType().getName(), out);
        int length = Array.getLength(array);
        out.writeInt(length);
        for (int i = 0; i < length; i++) {
            write(Array.get(array, i));
        }
    }

    private void writeJdkValue(Object value) throws IOException {
        if (value instanceof BigDecimal d) {
            out.writeByte(BIG_DECIMAL);
            ValueCodec.writeString(d.toString(), out);
        } else if (value instanceof BigInteger i) {
            out.writeByte(BIG_INTEGER);
            ValueCodec.writeString(i.toString(), out);
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
            ValueCodec.writeString(t.toString(), out);
        } else if (value instanceof Duration d) {
            out.writeByte(DURATION);
            out.writeLong(d.getSeconds());
            out.writeInt(d.getNano());
        } else if (value instanceof Optional<?> o) {
            out.writeByte(OPTIONAL);
            write(o.orElse(null));
        } else {
            throw new IllegalStateException(value.getClass().getName() + " is not a JDK value the codec knows");
        }
    }

    private void writeRecord(Record record) throws IOException {
        ValueCodec.RecordShape shape = ValueCodec.recordShape(record.getClass());
        out.writeByte(RECORD);
        ValueCodec.writeString(record.getClass().getName(), out);
        out.writeShort(shape.accessors().length);
        for (Method accessor : shape.accessors()) {
            try {
                write(accessor.invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot read component " + accessor.getName() + " of " + record.getClass().getName(), e);
            }
        }
    }

    /** Class, message, cause, suppressed exceptions, then the fields of the program's exception classes. */
    private void writeThrowable(Throwable t) throws IOException {
        out.writeByte(THROWABLE);
        ValueCodec.writeString(t.getClass().getName(), out);
        ValueCodec.writeNullableString(ExceptionValues.message(t), out);
        write(t.getCause());
        Throwable[] suppressed = t.getSuppressed();
        out.writeShort(suppressed.length);
        for (Throwable s : suppressed) {
            write(s);
        }
        List<Field> fields = ExceptionValues.shape(t.getClass()).fields();
        out.writeShort(fields.size());
        for (Field field : fields) {
            ValueCodec.writeString(field.getDeclaringClass().getName(), out);
            ValueCodec.writeString(field.getName(), out);
            try {
                write(field.get(t));
            } catch (IllegalAccessException e) {
                throw new IOException("cannot read field " + field.getName() + " of " + t.getClass().getName(), e);
            }
        }
    }

    /**
     * A failure carries its exception as a graph of its own, length-prefixed: a reader that cannot load
     * the exception's class (a client of the program without its classes) still gets class and message.
     */
    private void writeFailure(RemoteFailure failure) throws IOException {
        out.writeByte(FAILURE);
        ValueCodec.writeString(failure.exceptionType(), out);
        ValueCodec.writeNullableString(failure.message(), out);
        if (failure.thrown() == null) {
            out.writeInt(-1);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        new ValueWriter(new DataOutputStream(bytes)).write(failure.thrown());
        out.writeInt(bytes.size());
        out.write(bytes.toByteArray());
    }

    private void writeElements(Collection<?> elements) throws IOException {
        out.writeInt(elements.size());
        for (Object element : elements) {
            write(element);
        }
    }

    private void writeEntries(Map<?, ?> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            write(entry.getKey());
            write(entry.getValue());
        }
    }
}
