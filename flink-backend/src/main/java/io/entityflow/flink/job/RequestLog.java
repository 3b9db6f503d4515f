package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The embedded job's ingress: an append-only log of requests in this JVM that the source reads by offset.
 * Entries stay until a checkpoint that has read past them completes, so a job restarted after a task
 * failure reads again everything its restored checkpoint had not. A new log (a new JVM, after a crash)
 * has a new generation: a source restored with another generation's offset starts at this log's start.
 */
final class RequestLog {
    private final String generation = UUID.randomUUID().toString();
    /** Retained entries start at index {@code dropped}; dropped slots are reclaimed in bulk. */
    private ArrayList<Envelope> entries = new ArrayList<>();
    private int dropped;
    /** Offset of the first retained entry. */
    private long firstOffset;

    String generation() {
        return generation;
    }

    synchronized void append(Envelope request) {
        entries.add(request);
        notifyAll();
    }

    synchronized long firstOffset() {
        return firstOffset;
    }

    /**
     * Up to {@code max} entries from {@code offset} on, waiting up to {@code waitMillis} when there are none.
     * Entries before the first retained one are gone: asking for them is a bug in the caller.
     */
    synchronized List<Envelope> read(long offset, int max, long waitMillis) throws InterruptedException {
        if (offset < firstOffset) {
            throw new IllegalStateException("request log offset " + offset + " was already truncated (first is " + firstOffset + ")");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (offset >= endOffset()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        int from = dropped + (int) (offset - firstOffset);
        int to = Math.min(entries.size(), from + max);
        return new ArrayList<>(entries.subList(from, to));
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
