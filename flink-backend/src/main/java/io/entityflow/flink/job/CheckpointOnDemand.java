package io.entityflow.flink.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Asks for a checkpoint as soon as a committed response waits for one, instead of leaving it to wait out the
 * periodic interval: at idle a call's answer then waits one checkpoint (a few milliseconds with the changelog
 * backend), not up to a whole interval. Requests coalesce: at most one checkpoint asked for at a time, and one
 * more right after it when responses began to wait meanwhile (they missed its barrier). Under load this keeps
 * checkpoints back to back; the periodic ones still run, so nothing waits longer than before.
 */
public final class CheckpointOnDemand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointOnDemand.class);
    private final Supplier<CompletableFuture<?>> trigger;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    public CheckpointOnDemand(Supplier<CompletableFuture<?>> trigger) {
        this.trigger = trigger;
    }

    @Override
    public void run() {
        wanted.set(true);
        if (running.compareAndSet(false, true)) {
            fire();
        }
    }

    private void fire() {
        wanted.set(false);
        CompletableFuture<?> checkpoint;
        try {
            checkpoint = trigger.get();
        } catch (RuntimeException e) {
            checkpoint = CompletableFuture.failedFuture(e);
        }
        checkpoint.whenComplete((done, failure) -> {
            if (failure != null) {
                // e.g. the job is restarting: the periodic checkpoints take over until a later response asks again
                LOG.debug("an on-demand checkpoint failed", failure);
            }
            running.set(false);
            if (wanted.get() && running.compareAndSet(false, true)) {
                fire();
            }
        });
    }
}
