package io.entityflow.flink.envelope;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids that no other process, and no earlier or later run, makes: 64 random bits drawn once per JVM, then a counter.
 * {@code UUID.randomUUID()} per request and per transaction drew from {@code SecureRandom} each time, under its lock
 * and with a read of the system's random source: ~5% of the gateway's CPU and ~1% of the loop's in a checkout run
 * (docs/benchmarks.md, "Eleventh session"). The ids are half as long too, which every envelope carrying one and
 * every map keyed by one pays for. Not secrets: nothing answers to an id alone.
 */
public final class UniqueIds {
    private static final String BASE = Long.toUnsignedString(new SecureRandom().nextLong(), 36) + "-";
    private static final AtomicLong NEXT = new AtomicLong();

    private UniqueIds() {
    }

    public static String next() {
        return BASE + Long.toString(NEXT.getAndIncrement(), 36);
    }
}
