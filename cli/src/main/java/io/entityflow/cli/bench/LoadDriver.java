package io.entityflow.cli.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a workload for a warm-up and a measured duration, from one thread. Closed loop (the default):
 * a new operation as soon as one of the {@code outstanding} in flight is answered. Open loop
 * ({@code rate > 0}): operations at fixed intended times, latency counted from the intended time so that a
 * stall is not hidden by the generator waiting for it (coordinated omission); {@code outstanding} then only
 * caps memory. Throughput counts the operations completed during the measured window; latency is that of
 * the operations sent in it. A progress line goes to {@code progress} once a second.
 */
final class LoadDriver {
    private final Workload workload;
    private final int outstanding;
    private final double rate;
    private final long seed;
    private final Semaphore permits;
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile Window current;

    LoadDriver(Workload workload, int outstanding, double rate, long seed) {
        this.workload = workload;
        this.outstanding = outstanding;
        this.rate = rate;
        this.seed = seed;
        this.permits = new Semaphore(outstanding);
    }

    /** How long the answers still outstanding when the measurement ends are waited for. */
    static final int DRAIN_SECONDS = 120;

    /** What the measured window saw. */
    record Result(Window measured, long errors, long unanswered, Throwable firstError) {
    }

    Result run(Duration warmup, Duration duration, PrintWriter progress) throws InterruptedException {
        Window warm = new Window("warm-up");
        Window measured = new Window("measure");
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        double nanosPerOperation = rate > 0 ? 1e9 / rate : 0;
        warm.begin(start);
        current = warmup.isZero() ? measured : warm;
        if (warmup.isZero()) {
            measured.begin(start);
            workload.measurementStarts();
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "entityflow-bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        ProgressLine line = new ProgressLine(progress);
        ticker.scheduleAtFixedRate(() -> line.print(current, errors.sum(), outstanding - permits.availablePermits()),
                1, 1, TimeUnit.SECONDS);
        try {
            long sent = 0;
            while (true) {
                long now = System.nanoTime();
                long sendAt = rate > 0 ? start + (long) (sent * nanosPerOperation) : now;
                if (sendAt > now) {
                    LockSupport.parkNanos(Math.min(sendAt - now, 1_000_000));
                    continue;
                }
                if (current == warm && sendAt >= measureFrom) {
                    warm.end(measureFrom);
                    measured.begin(measureFrom);
                    current = measured;
                    workload.measurementStarts();
                }
                if (sendAt >= end) {
                    break;
                }
                if (workload.exhausted()) {
                    if (current != measured) {
                        throw new IllegalStateException("the workload ran out of operations during the warm-up; "
                                + "give it more records or a shorter warm-up");
                    }
                    end = now;
                    progress.println("the workload has no operations left: the measurement ends early, after "
                            + String.format("%.1f s", (end - measureFrom) / 1e9) + " (more records make it last longer)");
                    break;
                }
                if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                send(random, current, rate > 0 ? sendAt : System.nanoTime());
                sent++;
            }
            measured.end(end);
            boolean drained = permits.tryAcquire(outstanding, DRAIN_SECONDS, TimeUnit.SECONDS);
            long unanswered = drained ? 0 : outstanding - permits.availablePermits();
            line.print(measured, errors.sum(), unanswered);
            line.finish();
            return new Result(measured, errors.sum() + unanswered, unanswered, firstError.get());
        } finally {
            ticker.shutdownNow();
        }
    }

    private void send(SplittableRandom random, Window window, long startNanos) {
        CompletableFuture<?> operation;
        try {
            operation = workload.issue(random);
        } catch (RuntimeException e) {
            operation = CompletableFuture.failedFuture(e);
        }
        operation.whenComplete((ignored, failure) -> {
            if (failure == null) {
                window.recordLatency(System.nanoTime() - startNanos);
                Window now = current;
                if (now.isOpen()) { // answers that come in while draining are not the measured rate
                    now.completedOne();
                }
            } else {
                errors.increment();
                firstError.compareAndSet(null, failure);
            }
            permits.release();
        });
    }
}
