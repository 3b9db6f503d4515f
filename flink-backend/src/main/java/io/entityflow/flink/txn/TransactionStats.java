package io.entityflow.flink.txn;

import java.util.concurrent.atomic.LongAdder;

/**
 * How transactions fared in this JVM (the embedded engine's task managers run here): begun, committed,
 * rolled back by their own exception, attempts aborted by conflicts, and given up. Read by the benchmark
 * for its abort and retry rates; cheap enough to count always.
 */
public final class TransactionStats {
    private static final LongAdder BEGUN = new LongAdder();
    private static final LongAdder COMMITTED = new LongAdder();
    private static final LongAdder ROLLED_BACK = new LongAdder();
    private static final LongAdder CONFLICT_ABORTS = new LongAdder();
    private static final LongAdder GIVEN_UP = new LongAdder();

    private TransactionStats() {
    }

    /** A snapshot of the counters. */
    public record Counts(long begun, long committed, long rolledBack, long conflictAborts, long givenUp) {
        public Counts minus(Counts earlier) {
            return new Counts(begun - earlier.begun, committed - earlier.committed, rolledBack - earlier.rolledBack,
                    conflictAborts - earlier.conflictAborts, givenUp - earlier.givenUp);
        }
    }

    public static Counts now() {
        return new Counts(BEGUN.sum(), COMMITTED.sum(), ROLLED_BACK.sum(), CONFLICT_ABORTS.sum(), GIVEN_UP.sum());
    }

    static void begun() {
        BEGUN.increment();
    }

    static void ended(boolean committed) {
        (committed ? COMMITTED : ROLLED_BACK).increment();
    }

    static void conflictAbort() {
        CONFLICT_ABORTS.increment();
    }

    static void givenUp() {
        GIVEN_UP.increment();
    }
}
