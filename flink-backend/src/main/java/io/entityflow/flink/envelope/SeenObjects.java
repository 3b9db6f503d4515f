package io.entityflow.flink.envelope;

import java.util.IdentityHashMap;

/**
 * The objects with identity a {@link ValueWriter} has written, by identity, each with the index a back reference
 * to it carries (the order they were first written). Most graphs hold a few (an order's list of lines), so the first
 * ones are searched in a small array: an {@code IdentityHashMap} per written entity was an allocation of its table
 * and a hash per object.
 */
final class SeenObjects {
    private static final int SEARCHED_IN_ORDER = 8;
    private Object[] first;
    private int count;
    /** All of them once there are more than {@link #SEARCHED_IN_ORDER}; null until then. */
    private IdentityHashMap<Object, Integer> many;

    /** The back-reference index of {@code value}, or -1 when it was not written yet. */
    int indexOf(Object value) {
        if (many != null) {
            Integer index = many.get(value);
            return index == null ? -1 : index;
        }
        for (int i = 0; i < count; i++) {
            if (first[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Records {@code value} as written: its index is the number of objects recorded before it. */
    void add(Object value) {
        if (many != null) {
            many.put(value, count++);
        } else if (count < SEARCHED_IN_ORDER) {
            if (first == null) {
                first = new Object[SEARCHED_IN_ORDER];
            }
            first[count++] = value;
        } else {
            many = new IdentityHashMap<>();
            for (int i = 0; i < count; i++) {
                many.put(first[i], i);
            }
            first = null;
            many.put(value, count++);
        }
    }
}
