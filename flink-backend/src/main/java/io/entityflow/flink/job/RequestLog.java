package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One partition of the embedded job's ingress: an append-only log of requests in this JVM that one source
 * reader reads by offset ({@link RequestLogReader}). Entries stay until a checkpoint that has read past them
 * completes, so a job restarted after a task failure reads again everything its restored checkpoint had not.
 * A new log (a new JVM, after a crash) has a new generation: a reader restored with another generation's
 * offset starts at this log's start.
 */
final class RequestLog {
    static final CompletableFuture<Void> AVAILABLE = CompletableFuture.completedFuture(null);
    private final String generation = UUID.randomUUID().toString();
    /** Retained entries start at index {@code dropped}; dropped slots are reclaimed in bulk. */
    private ArrayList<Envelope> entries = new ArrayList<>();
    private int dropped;
    /** Offset of the first retained entry. */
    private long firstOffset;
    /** Completed by the next append: the reader found nothing to read. */
    private CompletableFuture<Void> appended;

    String generation() {
        return generation;
    }

    void append(Envelope request) {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            entries.add(request);
            waiting = appended;
            appended = null;
        }
        if (waiting != null) {
            waiting.complete(null); // outside the lock: it runs the reader's task wake-up
        }
    }

    synchronized long firstOffset() {
        return firstOffset;
    }

    /**
     * Up to {@code max} entries from {@code offset} on, none when there are none yet. Entries before the first
     * retained one are gone: asking for them is a bug in the caller.
     */
    synchronized List<Envelope> read(long offset, int max) {
        if (offset < firstOffset) {
            throw new IllegalStateException("request log offset " + offset + " was already truncated (first is " + firstOffset + ")");
        }
        int from = dropped + (int) (offset - firstOffset);
        int to = Math.min(entries.size(), from + max);
        return from >= to ? List.of() : new ArrayList<>(entries.subList(from, to));
    }

    /** Completes once there is an entry at {@code offset} (at once if there is one). */
    synchronized CompletableFuture<Void> availableAt(long offset) {
        if (offset < endOffset()) {
            return AVAILABLE;
        }
        if (appended == null) {
            appended = new CompletableFuture<>();
        }
        return appended;
    }

    /** Drops the entries before {@code offset}: a completed checkpoint has read past them. */
    synchronized void truncateBefore(long offset) {
        long drop = Math.min(offset, endOffset()) - firstOffset;
        if (drop <= 0) {
            return;
        }
        for (int i = 0; i < drop; i++) {
            entries.set(dropped + i, null);
        }
        dropped += (int) drop;
        firstOffset += drop;
        if (dropped > entries.size() / 2) {
            entries = new ArrayList<>(entries.subList(dropped, entries.size()));
            dropped = 0;
        }
    }

    synchronized long endOffset() {
        return firstOffset + entries.size() - dropped;
    }
}
