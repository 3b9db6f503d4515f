package io.entityflow.cli.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A stream of operations on a program and the bookkeeping to check them: it creates the entities it runs
 * on, remembers what its acknowledged operations imply about the final state, and {@link #verify} compares
 * that with what the program holds after the run.
 */
interface Workload {
    /** Creates the entities the operations run on (not measured); returns how many creates failed. */
    long populate() throws InterruptedException;

    /** What {@link #populate} creates, for the progress line ("10,000 accounts"). */
    String populationSummary();

    /** Sends one operation; the future completes when it is acknowledged, exceptionally when it failed. */
    CompletableFuture<?> issue(RandomGenerator random);

    /** Called once when the warm-up ends and the measured run begins. */
    default void measurementStarts() {
    }

    /** Whether it has no operation left to send (a workload that uses each entity up once); ends the run early. */
    default boolean exhausted() {
        return false;
    }

    /** After every operation has been answered: reads the final state and checks it. */
    Verdict verify() throws InterruptedException;

    /** Figures of its own for the summary line (in insertion order). */
    default Map<String, Object> figures() {
        return Map.of();
    }

    /** Whether the final state agrees with the acknowledged operations, and how it was checked. */
    record Verdict(boolean consistent, String detail) {
    }
}
