package io.entityflow.ir.testing;

import io.entityflow.ir.runtime.EntityRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Deep copies and conversions of values as they would cross the wire between entities. */
final class Values {
    private Values() {
    }

    /** Copies collections (as serialisation would) and maps every leaf through {@code leaf}. */
    static Object map(Object value, Function<Object, Object> leaf) {
        return map(value, leaf, true);
    }

    /** A copy as serialisation makes it: collections copied, records and leaves kept. */
    static Object copy(Object value) {
        return map(value, v -> v, false);
    }

    private static Object map(Object value, Function<Object, Object> leaf, boolean recordsToMaps) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(map(v, leaf, recordsToMaps)));
            return copy;
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(v -> copy.add(map(v, leaf, recordsToMaps)));
            return copy;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(map(k, leaf, recordsToMaps), map(v, leaf, recordsToMaps)));
            return copy;
        }
        if (value != null && value.getClass().isArray()) {
            int length = java.lang.reflect.Array.getLength(value);
            Object copy = java.lang.reflect.Array.newInstance(value.getClass().getComponentType(), length);
            for (int i = 0; i < length; i++) {
                java.lang.reflect.Array.set(copy, i, map(java.lang.reflect.Array.get(value, i), leaf, false));
            }
            return copy;
        }
        if (recordsToMaps && value != null && value.getClass().isRecord() && !(value instanceof EntityRef)) {
            return recordToMap(value, leaf);
        }
        return leaf.apply(value);
    }

    /** Records are compared by their components (the two worlds load the record class separately). */
    private static Object recordToMap(Object record, Function<Object, Object> leaf) {
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("$record", record.getClass().getName());
        for (var component : record.getClass().getRecordComponents()) {
            try {
                component.getAccessor().setAccessible(true);
                components.put(component.getName(), map(component.getAccessor().invoke(record), leaf));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return components;
    }

    static Object comparable(Object value) {
        return arraysAsLists(map(value, v -> v instanceof EntityRef ref ? ref.type() + "#" + ref.key() : v));
    }

    /** Arrays compare by identity; their elements are what counts. */
    private static Object arraysAsLists(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                elements.add(arraysAsLists(java.lang.reflect.Array.get(value, i)));
            }
            return elements;
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(arraysAsLists(v)));
            return copy;
        } else if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(v -> copy.add(arraysAsLists(v)));
            return copy;
        } else if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(arraysAsLists(k), arraysAsLists(v)));
            return copy;
        }
        return value;
    }
}
