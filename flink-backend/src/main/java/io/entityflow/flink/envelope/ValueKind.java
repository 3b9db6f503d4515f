package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.runtime.SplitEntity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;

/**
 * What a value's class is to the {@link ValueWriter}, decided once per class instead of by a chain of
 * {@code instanceof} tests per value: the changelog writes every field of an entity on each of its updates and the
 * materialisation every field of every entity every few seconds, and a record or a list met some twenty tests
 * (several against interfaces) before it was recognised (docs/benchmarks.md, "Ninth session"). The order of the
 * tests in {@link #classify} is the codec's contract: a class that is two of these (a record that implements
 * {@code List}) is the first it matches.
 */
enum ValueKind {
    BOOLEAN, INT, LONG, STRING, ENTITY_REF, DOUBLE, FLOAT, SHORT, BYTE, CHAR, ENUM, SPLIT_ENTITY, FAILURE,
    /** Immutable values of the JDK: big numbers, UUIDs, java.time values, Optional. */
    JDK,
    LIST,
    /** Written as a sorted set only in natural order (a comparator cannot be written): else as a set. */
    SORTED_SET,
    SET,
    /** Written as a sorted map only in natural order, else as a map. */
    SORTED_MAP,
    MAP, RECORD, THROWABLE, STRING_BUILDER, ARRAY,
    /** Nothing the codec can write. */
    UNSUPPORTED;

    private static final ValueKind[] KINDS_BY_ORDINAL = values();
    /**
     * The kind's ordinal, not the kind: a value kept on a JDK class (ArrayList, HashMap) must not lead back to this
     * class's loader, which is the job's on a cluster — an enum constant would keep every cancelled job's classes
     * loaded (the ClassValue could never drop its entry: JDK-8136353). Small Integers are the JDK's own objects.
     */
    private static final ClassValue<Integer> KINDS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return classify(type).ordinal();
        }
    };

    static ValueKind of(Class<?> type) {
        // the commonest scalars by their class alone: cheaper than the class-value look-up (YCSB's state is these)
        if (type == String.class) {
            return STRING;
        } else if (type == Long.class) {
            return LONG;
        } else if (type == Integer.class) {
            return INT;
        } else if (type == Boolean.class) {
            return BOOLEAN;
        }
        return KINDS_BY_ORDINAL[KINDS.get(type)];
    }

    private static ValueKind classify(Class<?> type) {
        if (type == Boolean.class) {
            return BOOLEAN;
        } else if (type == Integer.class) {
            return INT;
        } else if (type == Long.class) {
            return LONG;
        } else if (type == String.class) {
            return STRING;
        } else if (EntityRef.class.isAssignableFrom(type)) {
            return ENTITY_REF;
        } else if (type == Double.class) {
            return DOUBLE;
        } else if (type == Float.class) {
            return FLOAT;
        } else if (type == Short.class) {
            return SHORT;
        } else if (type == Byte.class) {
            return BYTE;
        } else if (type == Character.class) {
            return CHAR;
        } else if (Enum.class.isAssignableFrom(type)) {
            return ENUM;
        } else if (SplitEntity.class.isAssignableFrom(type)) {
            return SPLIT_ENTITY;
        } else if (RemoteFailure.class.isAssignableFrom(type)) {
            return FAILURE;
        } else if (isJdkValue(type)) {
            return JDK;
        }
        return sharedKind(type);
    }

    private static boolean isJdkValue(Class<?> type) {
        return BigDecimal.class.isAssignableFrom(type) || BigInteger.class.isAssignableFrom(type) || type == UUID.class
                || type == Instant.class || type == LocalDate.class || type == LocalDateTime.class
                || type == Duration.class || type == Optional.class;
    }

    private static ValueKind sharedKind(Class<?> type) {
        if (List.class.isAssignableFrom(type)) {
            return LIST;
        } else if (SortedSet.class.isAssignableFrom(type)) {
            return SORTED_SET;
        } else if (Set.class.isAssignableFrom(type)) {
            return SET;
        } else if (SortedMap.class.isAssignableFrom(type)) {
            return SORTED_MAP;
        } else if (Map.class.isAssignableFrom(type)) {
            return MAP;
        } else if (Record.class.isAssignableFrom(type)) {
            return RECORD;
        } else if (Throwable.class.isAssignableFrom(type)) {
            return THROWABLE;
        } else if (type == StringBuilder.class) {
            return STRING_BUILDER;
        } else if (type.isArray()) {
            return ARRAY;
        }
        return UNSUPPORTED;
    }
}
