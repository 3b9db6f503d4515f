package io.entityflow.cli.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** Runs one request per record with at most a given number in flight (loading, final reads). */
final class BoundedRequests {
    private BoundedRequests() {
    }

    /**
     * Sends {@code send.apply(i)} for every i in {@code [0, count)}; returns how many failed. Requests still
     * unanswered after {@code timeoutSeconds} count as failed.
     */
    static long run(int count, int inFlight, long timeoutSeconds, IntFunction<CompletableFuture<?>> send)
            throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < count; i++) {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return failed.get() + (count - i) + (inFlight - permits.availablePermits());
            }
            CompletableFuture<?> request;
            try {
                request = send.apply(i);
            } catch (RuntimeException e) {
                request = CompletableFuture.failedFuture(e);
            }
            request.whenComplete((value, failure) -> {
                if (failure != null) {
                    failed.incrementAndGet();
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(inFlight, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return failed.get() + (inFlight - permits.availablePermits());
        }
        return failed.get();
    }
}
