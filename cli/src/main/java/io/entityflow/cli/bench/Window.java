package io.entityflow.cli.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * One phase of a run (warm-up, measurement): the latencies of the operations sent in it, in microseconds,
 * and the operations completed while it was the current phase. Writers record concurrently without locks
 * (HdrHistogram's {@link Recorder}); readers harvest into a running total. It also notes the CPU time
 * this JVM (engine and load generator together) spent in it: on a shared machine, CPU per operation is
 * steadier than operations per second.
 */
final class Window {
    private final String name;
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final LongAdder completed = new LongAdder();
    private Histogram recycled;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile long startCpuNanos;
    private volatile long endCpuNanos;

    Window(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void begin(long nanos) {
        startNanos = nanos;
        startCpuNanos = processCpuNanos();
    }

    void end(long nanos) {
        endCpuNanos = processCpuNanos();
        endNanos = nanos;
    }

    /** CPU seconds this JVM used from begin to end, or -1 where the JVM does not tell. */
    double cpuSeconds() {
        return startCpuNanos < 0 || endCpuNanos < 0 ? -1 : (endCpuNanos - startCpuNanos) / 1e9;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    boolean isOpen() {
        return endNanos == 0;
    }

    long startNanos() {
        return startNanos;
    }

    void recordLatency(long nanos) {
        recorder.recordValue(Math.max(1, nanos / 1_000));
    }

    void completedOne() {
        completed.increment();
    }

    long completed() {
        return completed.sum();
    }

    /** Seconds from begin to end (or to now while it runs). */
    double seconds() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return (end - startNanos) / 1e9;
    }

    /** Every latency recorded so far. */
    synchronized Histogram latencies() {
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        return total.copy();
    }
}
