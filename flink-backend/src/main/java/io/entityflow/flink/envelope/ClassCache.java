package io.entityflow.flink.envelope;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Something worked out once per class (how to take a record apart, an exception's fields), kept so that it never
 * holds a class loader alive past its time.
 *
 * <p>A {@link ClassValue} keeps what it computed on the class itself. On a cluster this runtime is loaded with the
 * job, so a value of one of its classes kept on a class that outlives the job (the JDK's, Flink's own) leads back
 * to the job's loader, and the JDK never drops that entry (JDK-8136353): every cancelled or failed-over job's
 * classes would stay loaded. So the classes of loaders older than this runtime's get their values from a map
 * held by this cache, which goes with the runtime's loader, and their class value holds only a JDK constant that
 * says so. The job's own classes (the entities' records and exceptions) keep theirs in the class value, so a
 * program loaded apart from the runtime (the embedded engine's) is not held by the runtime either.
 */
final class ClassCache<V> {
    /** What an older loader's class holds instead of its value: a JDK object, leading nowhere. */
    private static final Object KEPT_IN_MAP = Boolean.TRUE;
    private static final ClassLoader OWN_LOADER = ClassCache.class.getClassLoader();

    private final Map<Class<?>, V> olderClasses = new ConcurrentHashMap<>();
    private final ClassValue<Object> values;

    ClassCache(Function<Class<?>, V> compute) {
        values = new ClassValue<>() {
            @Override
            protected Object computeValue(Class<?> type) {
                if (isOlderThanThisRuntime(type.getClassLoader())) {
                    olderClasses.computeIfAbsent(type, compute);
                    return KEPT_IN_MAP;
                }
                return compute.apply(type);
            }
        };
    }

    @SuppressWarnings("unchecked")
    V get(Class<?> type) {
        Object value = values.get(type);
        return value == KEPT_IN_MAP ? olderClasses.get(type) : (V) value;
    }

    /** Whether {@code loader} is the bootstrap loader or one of this runtime's loader's parents. */
    static boolean isOlderThanThisRuntime(ClassLoader loader) {
        if (loader == null) {
            return true;
        }
        for (ClassLoader parent = OWN_LOADER.getParent(); parent != null; parent = parent.getParent()) {
            if (parent == loader) {
                return true;
            }
        }
        return false;
    }
}
