package io.entityflow.cli.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A stream of operations on the accounts and the bookkeeping to check them: each workload remembers what
 * its acknowledged operations imply about the final state, and {@link #verify} compares that with what
 * the program holds after the run.
 */
interface Workload {
    /** Sends one operation; the future completes when it is acknowledged, exceptionally when it failed. */
    CompletableFuture<?> issue(RandomGenerator random);

    /** Called once when the warm-up ends and the measured run begins. */
    default void measurementStarts() {
    }

    /** After every operation has been answered: reads the final state through {@code state} and checks it. */
    Verdict verify(Accounts state) throws InterruptedException;

    /** Figures of its own for the summary line (in insertion order). */
    default Map<String, Object> figures() {
        return Map.of();
    }

    /** Whether the final state agrees with the acknowledged operations, and how it was checked. */
    record Verdict(boolean consistent, String detail) {
    }
}
