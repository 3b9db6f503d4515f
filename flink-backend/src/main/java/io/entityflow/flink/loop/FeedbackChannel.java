package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.operators.MailboxExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-JVM edge of the feedback loop between a tail subtask and the head subtask of the same index
 * (co-located in one slot). The tail never blocks: the queue is unbounded and spills to disk beyond a
 * memory bound, so the loop cannot deadlock on itself as Flink's iterate() does. The head emits queued
 * envelopes from its own task thread, through its mailbox, between the records of its other input.
 *
 * <p>Checkpoints (Chandy-Lamport channel state): the tail marks the queue position it has reached when a
 * checkpoint's barrier passes it ({@link #markBarrier}); everything queued before that mark and not yet
 * taken by the head when the head took its snapshot is in flight on this channel and belongs to that
 * checkpoint. The head waits for the mark in its snapshot and logs exactly those envelopes.
 */
public final class FeedbackChannel {
    private static final Map<String, FeedbackChannel> CHANNELS = new ConcurrentHashMap<>();
    private static final int BATCH = 1024;
    private static final int SUB_BATCH = 64;
    public static final int DEFAULT_MEMORY_BOUND = 100_000;

    private final SpillingQueue queue;
    /** Envelopes ever taken by the head / ever added by the tail: positions in the channel. */
    private long taken;
    private long added;
    private final Map<Long, Long> barrierPositions = new ConcurrentHashMap<>();
    private final Map<Long, String> abortedCheckpoints = new ConcurrentHashMap<>();
    private boolean drainScheduled;
    private volatile MailboxExecutor mailbox;
    private volatile Consumer<Envelope> consumer;
    /** Used by the head's task thread only. */
    private final Envelope[] batch = new Envelope[SUB_BATCH];

    private FeedbackChannel(int memoryBound, Path spillDirectory) {
        this.queue = new SpillingQueue(memoryBound, spillDirectory);
    }

    /** The channel of one loop subtask attempt; head and tail find each other by this key. */
    public static FeedbackChannel of(String loopId, int subtask, int attempt, int memoryBound, Path spillDirectory) {
        return CHANNELS.computeIfAbsent(loopId + "/" + subtask + "/" + attempt,
                k -> new FeedbackChannel(memoryBound, spillDirectory));
    }

    public static void release(String loopId, int subtask, int attempt) {
        FeedbackChannel channel = CHANNELS.remove(loopId + "/" + subtask + "/" + attempt);
        if (channel != null) {
            synchronized (channel) {
                channel.queue.close();
                channel.notifyAll();
            }
        }
    }

    /** Called by the head in its task thread; envelopes queued before it registered are emitted then. */
    void consumeWith(MailboxExecutor mailbox, Consumer<Envelope> consumer) {
        this.mailbox = mailbox;
        this.consumer = consumer;
        scheduleDrain();
    }

    /** Called by the tail from its task thread (and by the head when it replays a restored log); never blocks. */
    void put(Envelope envelope) {
        synchronized (this) {
            queue.add(envelope);
            added++;
        }
        scheduleDrain();
    }

    /** Called by the tail when a checkpoint's barrier reaches it, before it forwards anything newer. */
    void markBarrier(long checkpointId) {
        synchronized (this) {
            barrierPositions.put(checkpointId, added);
            notifyAll();
        }
    }

    /** Called by the tail when a checkpoint was aborted: a head waiting for its barrier gives up. */
    void abort(long checkpointId, String reason) {
        synchronized (this) {
            abortedCheckpoints.put(checkpointId, reason);
            notifyAll();
        }
    }

    /**
     * Called by the head in its snapshot of {@code checkpointId}: waits until the tail has seen that
     * checkpoint's barrier, then returns the envelopes in flight between the two, oldest first (they stay
     * queued and are emitted as usual). The head must not take envelopes while this runs; it cannot, since
     * both run in its task thread.
     */
    List<Envelope> inFlightAt(long checkpointId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!barrierPositions.containsKey(checkpointId)) {
                String aborted = abortedCheckpoints.remove(checkpointId);
                if (aborted != null) {
                    throw new IllegalStateException("checkpoint " + checkpointId + " was aborted before its barrier "
                            + "reached the loop tail: " + aborted);
                }
                long waitNanos = deadline - System.nanoTime();
                if (waitNanos <= 0) {
                    throw new IllegalStateException("the barrier of checkpoint " + checkpointId
                            + " did not reach the loop tail within " + timeout);
                }
                wait(Math.max(1, waitNanos / 1_000_000));
            }
            long position = barrierPositions.remove(checkpointId);
            // marks of older checkpoints are never asked for again once a newer one completed here
            barrierPositions.keySet().removeIf(id -> id < checkpointId);
            long inFlight = position - taken;
            List<Envelope> log = new ArrayList<>((int) Math.min(inFlight, 1 << 16));
            queue.forEachOldest(inFlight, log::add);
            return log;
        }
    }

    synchronized long size() {
        return queue.size();
    }

    synchronized long spilledTotal() {
        return queue.spilledTotal();
    }

    private void scheduleDrain() {
        MailboxExecutor executor = mailbox;
        if (executor == null) {
            return;
        }
        synchronized (this) {
            if (drainScheduled || queue.size() == 0) {
                return;
            }
            drainScheduled = true;
        }
        executor.execute(this::drain, "entityflow feedback");
    }

    /**
     * Emits up to {@link #BATCH} queued envelopes in sub-batches of {@link #SUB_BATCH}, stopping early when the
     * task has other mail: a checkpoint, a timer, an inspector's read wait for at most one sub-batch instead of
     * a whole batch (with about 5 µs per envelope, 0.3 ms instead of 5 ms). While a drain runs, puts do not
     * schedule another one (it would count as other mail); the drain reschedules itself at the end. Only
     * envelopes emitted in this mail are counted as taken, so a snapshot between two mails logs the rest.
     */
    private void drain() {
        Envelope[] batch = this.batch;
        Consumer<Envelope> emit = consumer;
        MailboxExecutor executor = mailbox;
        int emitted = 0;
        while (emitted < BATCH) {
            int count = 0;
            synchronized (this) {
                Envelope next;
                while (count < SUB_BATCH && (next = queue.poll()) != null) {
                    batch[count++] = next;
                }
                taken += count;
            }
            for (int i = 0; i < count; i++) {
                emit.accept(batch[i]);
                batch[i] = null;
            }
            emitted += count;
            if (count < SUB_BATCH || executor.shouldInterrupt()) {
                break;
            }
        }
        synchronized (this) {
            drainScheduled = false;
        }
        // a bounded batch keeps the head's other input (new requests) and checkpoints flowing
        scheduleDrain();
    }
}
