package io.entityflow.flink.envelope;

import java.util.function.Supplier;

/** Loaded by {@link ClassCacheTest} in a loader of its own, as a job's classes are: caches a value for a JDK class. */
public final class JobUsingAClassCache implements Supplier<Object> {
    private static final ClassCache<Object> CACHE = new ClassCache<>(type -> new ValueOfTheJob());

    /** A value whose class is the job's. */
    static final class ValueOfTheJob {
    }

    @Override
    public Object get() {
        return CACHE.get(String.class);
    }
}
