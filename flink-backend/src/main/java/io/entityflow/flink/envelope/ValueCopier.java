package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.runtime.SplitEntity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
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

/**
 * Deep-copies one object graph in memory, giving what a round trip through {@link ValueWriter} and
 * {@link ValueReader} gives (the same collection classes, the same sharing) without the bytes: immutable
 * values are shared, each mutable object is copied once and every mention of it points at that copy.
 * Flink copies state whenever it is read while a snapshot of it is being written; this is that copy.
 */
public final class ValueCopier {
    /** Made at the first mutable object: most entities hold scalars only, and Flink copies them often. */
    private IdentityHashMap<Object, Object> copies;

    public Object copy(Object value) {
        if (ValueCodec.isImmutable(value)) {
            return value;
        }
        Object done = copies == null ? null : copies.get(value);
        if (done != null) {
            return done;
        }
        if (value instanceof List<?> list) {
            return fill(list, remember(value, new ArrayList<>(list.size())));
        } else if (value instanceof SortedSet<?> set && set.comparator() == null) {
            return fill(set, remember(value, new TreeSet<>()));
        } else if (value instanceof Set<?> set) {
            return fill(set, remember(value, new LinkedHashSet<>()));
        } else if (value instanceof SortedMap<?, ?> map && map.comparator() == null) {
            return fill(map, remember(value, new TreeMap<>()));
        } else if (value instanceof Map<?, ?> map) {
            return fill(map, remember(value, new LinkedHashMap<>()));
        } else if (value instanceof Record record) {
            return copyRecord(record);
        } else if (value instanceof StringBuilder builder) {
            return remember(value, new StringBuilder(builder));
        } else if (value instanceof Optional<?> optional) {
            return optional.map(this::copy);
        } else if (value instanceof SplitEntity entity) {
            return entity.$ref();
        } else if (value instanceof RemoteFailure failure) {
            return new RemoteFailure(failure.exceptionType(), failure.message(), (Throwable) throughBytes(failure.thrown()));
        } else if (value instanceof Throwable) {
            return remember(value, throughBytes(value));
        } else if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            Object array = remember(value, Array.newInstance(value.getClass().getComponentType(), length));
            for (int i = 0; i < length; i++) {
                Array.set(array, i, copy(Array.get(value, i)));
            }
            return array;
        }
        throw new IllegalArgumentException("entityflow cannot copy a " + value.getClass().getName()
                + ": entity state, arguments and results must be values (see EF106)");
    }

    private <T> T remember(Object original, T copy) {
        if (copies == null) {
            copies = new IdentityHashMap<>();
        }
        copies.put(original, copy);
        return copy;
    }

    private Collection<Object> fill(Collection<?> from, Collection<Object> into) {
        for (Object element : from) {
            into.add(copy(element));
        }
        return into;
    }

    private Map<Object, Object> fill(Map<?, ?> from, Map<Object, Object> into) {
        for (Map.Entry<?, ?> entry : from.entrySet()) {
            into.put(copy(entry.getKey()), copy(entry.getValue()));
        }
        return into;
    }

    private Object copyRecord(Record record) {
        ValueCodec.RecordShape shape = ValueCodec.recordShape(record.getClass());
        Method[] accessors = shape.accessors();
        Object[] components = new Object[accessors.length];
        try {
            for (int i = 0; i < accessors.length; i++) {
                components[i] = copy(accessors[i].invoke(record));
            }
            return remember(record, shape.constructor().newInstance(components));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy record " + record.getClass().getName(), e);
        }
    }

    /** Exceptions are rebuilt from their binary form: their fields are reachable only through reflection. */
    private static Object throughBytes(Object value) {
        if (value == null) {
            return null;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            new ValueWriter(new DataOutputStream(bytes)).write(value);
            return new ValueReader(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))).read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy a " + value.getClass().getName(), e);
        }
    }
}
