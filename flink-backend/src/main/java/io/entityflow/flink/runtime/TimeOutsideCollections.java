package io.entityflow.flink.runtime;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A nanosecond clock that stands still while the garbage collector has stopped the JVM: {@link System#nanoTime()}
 * less the time the collectors report. A wait measured with it ("no transaction ended for 100 ms") is not cut short
 * by a pause in which nothing could have ended. Only pauses count: the beans of concurrent collectors that report
 * whole cycles (their names end in "Cycles": ZGC, Shenandoah) run beside the application and are left out. Never
 * goes backwards, even if a collector's report arrives late.
 */
final class TimeOutsideCollections implements LongSupplier {
    private final LongSupplier wallNanos;
    private final LongSupplier pausedMillis;
    private long last = Long.MIN_VALUE;

    TimeOutsideCollections() {
        this(System::nanoTime, pauseMillisOf(ManagementFactory.getGarbageCollectorMXBeans()));
    }

    TimeOutsideCollections(LongSupplier wallNanos, LongSupplier pausedMillis) {
        this.wallNanos = wallNanos;
        this.pausedMillis = pausedMillis;
    }

    @Override
    public synchronized long getAsLong() {
        long now = wallNanos.getAsLong() - TimeUnit.MILLISECONDS.toNanos(pausedMillis.getAsLong());
        last = Math.max(last, now);
        return last;
    }

    /** The milliseconds the pausing collectors among {@code collectors} have stopped the JVM for, so far. */
    static LongSupplier pauseMillisOf(List<GarbageCollectorMXBean> collectors) {
        List<GarbageCollectorMXBean> pausing = collectors.stream().filter(collector -> !collector.getName().endsWith("Cycles")).toList();
        return () -> {
            long millis = 0;
            for (GarbageCollectorMXBean collector : pausing) {
                millis += Math.max(0, collector.getCollectionTime()); // -1: not reported
            }
            return millis;
        };
    }
}
