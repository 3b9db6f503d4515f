package io.entityflow.flink.inspect;

import org.apache.flink.api.common.operators.MailboxExecutor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs work on the task thread of one operator subtask, through the task's mailbox: the mailbox loop runs
 * it between two records, so the work sees the operator's state as no record is halfway through changing
 * it. Everything that reads live heap state from another thread (queryable state, the inspector) goes
 * through here; that is what makes reading objects the task thread mutates in place safe.
 */
public final class TaskThread {
    private final MailboxExecutor mailbox;
    private final Thread thread;

    public TaskThread(MailboxExecutor mailbox, Thread thread) {
        this.mailbox = mailbox;
        this.thread = thread;
    }

    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * The result of {@code work} run on the task thread (at once if this is it).
     *
     * @throws TaskThreadBusyException when the task did not get to it within {@code timeout} (it is stopping,
     *                                 or blocked on back pressure)
     */
    public <R> R call(Supplier<R> work, Duration timeout) {
        if (isCurrent()) {
            return work.get();
        }
        CompletableFuture<R> result = new CompletableFuture<>();
        try {
            mailbox.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }, "entityflow inspection");
        } catch (RuntimeException closed) {
            throw new TaskThreadBusyException("the task is not running", closed);
        }
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TaskThreadBusyException("the task did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskThreadBusyException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The task could not run a read in time; the caller may retry. */
    public static final class TaskThreadBusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskThreadBusyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
