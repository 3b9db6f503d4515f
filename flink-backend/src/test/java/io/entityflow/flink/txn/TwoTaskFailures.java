package io.entityflow.flink.txn;

import io.entityflow.flink.runtime.FaultInjection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Two task failures during a test's traffic: the first {@code envelopes} envelopes from now, the second as
 * many after the restart. Test code.
 */
final class TwoTaskFailures {
    private final int firedBefore = FaultInjection.fired();
    private final CompletableFuture<Void> injected;

    private TwoTaskFailures(long envelopes) {
        FaultInjection.failAfter(envelopes);
        injected = CompletableFuture.runAsync(() -> {
            awaitFired(firedBefore + 1);
            FaultInjection.failAfter(envelopes);
            awaitFired(firedBefore + 2);
        });
    }

    static TwoTaskFailures arm(long envelopes) {
        return new TwoTaskFailures(envelopes);
    }

    /** Waits for both (up to a minute), disarms, and says how many fired. */
    int awaitBoth() throws Exception {
        injected.get(1, TimeUnit.MINUTES);
        FaultInjection.disarm();
        return FaultInjection.fired() - firedBefore;
    }

    private static void awaitFired(int count) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (FaultInjection.fired() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
