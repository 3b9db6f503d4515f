package io.entityflow.cli.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many visits each account's counter must show: one per acknowledged operation that reached it. A
 * failed operation may or may not have reached its accounts, which widens their allowed range.
 */
final class VisitCounts {
    private final AtomicLongArray acknowledged;
    private final AtomicLongArray uncertain;

    VisitCounts(int records) {
        acknowledged = new AtomicLongArray(records);
        uncertain = new AtomicLongArray(records);
    }

    void acknowledged(int... records) {
        for (int record : records) {
            acknowledged.incrementAndGet(record);
        }
    }

    void failed(int... records) {
        for (int record : records) {
            uncertain.incrementAndGet(record);
        }
    }

    boolean matches(int record, Object counter) {
        if (!(counter instanceof Long value)) {
            return false;
        }
        long sure = acknowledged.get(record);
        return value >= sure && value <= sure + uncertain.get(record);
    }

    long total() {
        long sum = 0;
        for (int i = 0; i < acknowledged.length(); i++) {
            sum += acknowledged.get(i);
        }
        return sum;
    }
}
