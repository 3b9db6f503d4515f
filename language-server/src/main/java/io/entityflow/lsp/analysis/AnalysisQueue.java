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
    private final Map<String, ScheduledFuture<?>> debounced = new ConcurrentHashMap<>();
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
        ScheduledFuture<?> next = timer.schedule(() -> {
            debounced.remove(uri);
            submit(() -> {
                validation.accept(uri);
                return null;
            }).exceptionally(e -> {
                onFailure.accept(e);
                return null;
            });
        }, debounceMillis, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = debounced.put(uri, next);
        if (previous != null) {
            previous.cancel(false);
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
