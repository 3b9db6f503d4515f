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
import java.util.IdentityHashMap;
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
    private IdentityHashMap<Object, Integer> seen;

    public ValueWriter(DataOutput out) {
        this.out = out;
    }

    public void write(Object value) throws IOException {
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
            ValueCodec.writeString(s, out);
        } else if (value instanceof EntityRef ref) {
            writeRef(ref);
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
        } else if (value instanceof Enum<?> e) {
            out.writeByte(ENUM);
            ValueCodec.writeString(e.getDeclaringClass().getName(), out);
            ValueCodec.writeString(e.name(), out);
        } else if (value instanceof SplitEntity entity) {
            writeRef(entity.$ref());
        } else if (value instanceof RemoteFailure failure) {
            writeFailure(failure);
        } else if (!writeJdkValue(value)) {
            writeShared(value);
        }
    }

    private void writeRef(EntityRef ref) throws IOException {
        out.writeByte(ENTITY_REF);
        ValueCodec.writeString(ref.type(), out);
        write(ref.key());
    }

    /** Values with identity: written once, then referred to. */
    private void writeShared(Object value) throws IOException {
        if (seen == null) {
            seen = new IdentityHashMap<>();
        }
        Integer index = seen.get(value);
        if (index != null) {
            out.writeByte(BACK_REFERENCE);
            out.writeInt(index);
            return;
        }
        seen.put(value, seen.size());
        if (value instanceof List<?> list) {
            out.writeByte(LIST);
            writeElements(list);
        } else if (value instanceof SortedSet<?> set && set.comparator() == null) {
            out.writeByte(SORTED_SET);
            writeElements(set);
        } else if (value instanceof Set<?> set) {
            out.writeByte(SET);
            writeElements(set);
        } else if (value instanceof SortedMap<?, ?> map && map.comparator() == null) {
            out.writeByte(SORTED_MAP);
            writeEntries(map);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            writeEntries(map);
        } else if (value instanceof Record record) {
            writeRecord(record);
        } else if (value instanceof Throwable t) {
            writeThrowable(t);
        } else if (value instanceof StringBuilder b) {
            out.writeByte(STRING_BUILDER);
            ValueCodec.writeString(b.toString(), out);
        } else if (value.getClass().isArray()) {
            out.writeByte(ARRAY);
            ValueCodec.writeString(value.getClass().getComponentType().getName(), out);
            int length = Array.getLength(value);
            out.writeInt(length);
            for (int i = 0; i < length; i++) {
                write(Array.get(value, i));
            }
        } else {
            throw new IllegalArgumentException("entityflow cannot serialise a " + value.getClass().getName()
                    + ": entity state, arguments and results must be values (see EF106)");
        }
    }

    private boolean writeJdkValue(Object value) throws IOException {
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
            return false;
        }
        return true;
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
