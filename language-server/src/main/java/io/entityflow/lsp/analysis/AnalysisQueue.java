package io.entityflow.lsp.analysis;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One thread runs every analysis and every request that reads one, in order, so they never race; a timer
 * debounces validation per URI: each change of a document restarts its timer, and only a quiet period of
 * {@code debounceMillis} lets its validation run (a burst of typing costs one analysis, not one per key).
 */
public final class AnalysisQueue implements AutoCloseable {
    private final ExecutorService analysisThread = Executors.newSingleThreadExecutor(daemon("entityflow-analysis"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("entityflow-debounce"));
    private final Map<String, Debounced> debounced = new ConcurrentHashMap<>();
    private volatile long debounceMillis;

    public AnalysisQueue(long debounceMillis) {
        this.debounceMillis = debounceMillis;
    }

    /** The client may choose the debounce at {@code initialize}. */
    public void setDebounceMillis(long millis) {
        this.debounceMillis = millis;
    }

    /** Runs {@code validation} for {@code uri} once no change of it has come for the debounce period. */
    public void debounce(String uri, Consumer<String> validation, Consumer<Throwable> onFailure) {
        // registered before it is scheduled, so even a timer that fires at once finds itself; a timer that is no
        // longer the URI's latest was superseded (and cancelled, unless it was already running) and does nothing
        Debounced self = new Debounced();
        Debounced previous = debounced.put(uri, self);
        self.future = timer.schedule(() -> {
            if (debounced.remove(uri, self)) {
                submit(() -> {
                    validation.accept(uri);
                    return null;
                }).exceptionally(e -> {
                    onFailure.accept(e);
                    return null;
                });
            }
        }, debounceMillis, TimeUnit.MILLISECONDS);
        if (previous != null) {
            previous.cancel();
        }
    }

    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, analysisThread);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        analysisThread.shutdownNow();
    }

    /** One URI's pending timer; its future is set just after it is registered, by the thread that registered it. */
    private static final class Debounced {
        private volatile ScheduledFuture<?> future;

        void cancel() {
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
