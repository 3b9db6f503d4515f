package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.operators.MailboxExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The in-JVM edge of the feedback loop into one head subtask. Its producers put envelopes for keys of that
 * subtask: either the one tail subtask of the same index (co-located in one slot) behind a network keyBy,
 * or, when the whole loop runs in one JVM, every entity operator subtask directly ({@link DirectFeedbackTail}).
 * Producers never block: the queue is unbounded and spills to disk beyond a memory bound, so the loop cannot
 * deadlock on itself as Flink's iterate() does. The head emits queued envelopes from its own task thread,
 * through its mailbox, between the records of its other input.
 *
 * <p>Checkpoints (Chandy-Lamport channel state): each producer marks the channel when a checkpoint's barrier
 * passes it ({@link #markBarrier}). What a producer puts after its mark of checkpoint c and before the head's
 * snapshot of c is held back: the head must not see it before its own snapshot (that is the alignment a
 * network edge does with barriers; a producer of another subtask can pass its barrier before this head).
 * The head, in its snapshot of c, waits until every producer has marked c; everything then queued was put
 * before its producer's mark and not yet taken by the head: in flight on this channel, part of checkpoint c.
 * After the snapshot the held envelopes join the queue, each producer's in the order it put them.
 */
public final class FeedbackChannel {
    private static final Map<String, FeedbackChannel> CHANNELS = new ConcurrentHashMap<>();
    private static final int BATCH = 1024;
    private static final int SUB_BATCH = 64;
    public static final int DEFAULT_MEMORY_BOUND = 100_000;

    private final SpillingQueue queue;
    /** Per producer: the newest checkpoint whose barrier it has passed (0: none yet). */
    private final long[] markedUpTo;
    /** The newest checkpoint the head has logged: older marks concern nothing pending here. */
    private long snapshotted;
    /**
     * Checkpoints a producer has marked (or the head is snapshotting) that this head has neither logged nor
     * seen aborted. A put made after its producer's mark m waits while any of them is ≤ m: the head must not
     * see it before that snapshot. A set, not one number: a savepoint can run beside a checkpoint, and the
     * abort of the newer one must not let through what the older one still holds back.
     */
    private final TreeSet<Long> open = new TreeSet<>();
    /** Puts made after their producer's mark, each with that mark, waiting until no open checkpoint is ≤ it. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<Long, String> abortedCheckpoints = new HashMap<>();
    /** Puts made before the head registered (a restore: other subtasks may run first), queued after its log. */
    private List<Envelope> early = new ArrayList<>();
    private boolean closed;
    private boolean drainScheduled;
    private volatile MailboxExecutor mailbox;
    private volatile Consumer<Envelope> consumer;
    /** Used by the head's task thread only. */
    private final Envelope[] batch = new Envelope[SUB_BATCH];

    private record Held(long checkpoint, Envelope envelope) {
    }

    private FeedbackChannel(int producers, int memoryBound, Path spillDirectory) {
        this.markedUpTo = new long[producers];
        this.queue = new SpillingQueue(memoryBound, spillDirectory);
    }

    /**
     * The channel into head subtask {@code subtask} of one loop attempt; head and producers find it by this
     * key, whoever comes first creates it. All of a loop's subtasks restart together (the loop is one
     * failover region), so producers and head of one attempt agree on its number.
     *
     * @param producers how many producers mark each checkpoint's barrier in it
     */
    public static FeedbackChannel of(String loopId, int subtask, int attempt, int producers, int memoryBound, Path spillDirectory) {
        FeedbackChannel channel = CHANNELS.computeIfAbsent(loopId + "/" + subtask + "/" + attempt,
                k -> new FeedbackChannel(producers, memoryBound, spillDirectory));
        if (channel.markedUpTo.length != producers) {
            throw new IllegalStateException("loop channel " + loopId + "/" + subtask + " has " + channel.markedUpTo.length
                    + " producers, asked for " + producers);
        }
        return channel;
    }

    public static void release(String loopId, int subtask, int attempt) {
        FeedbackChannel channel = CHANNELS.remove(loopId + "/" + subtask + "/" + attempt);
        if (channel != null) {
            synchronized (channel) {
                channel.closed = true;
                channel.held.clear();
                channel.early = null;
                channel.queue.close();
                channel.notifyAll();
            }
        }
    }

    /**
     * Called by the head in its task thread when it opens: the envelopes of its restored log go first (they were
     * sent before the checkpoint), then what producers put before it registered, then everything later.
     */
    void consumeWith(List<Envelope> restored, MailboxExecutor mailbox, Consumer<Envelope> consumer) {
        synchronized (this) {
            restored.forEach(queue::add);
            early.forEach(queue::add);
            early = null;
            this.mailbox = mailbox;
            this.consumer = consumer;
        }
        scheduleDrain();
    }

    /**
     * Called by producer {@code producer} from its task thread; never blocks. After the head's subtask has
     * ended (the job is stopping or failing over) the envelope is dropped: that attempt's state is discarded.
     */
    void put(int producer, Envelope envelope) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (early != null) {
                early.add(envelope); // no checkpoint can be open before every task, this head too, runs
                return;
            }
            long mark = markedUpTo[producer];
            if (!flows(mark)) {
                held.add(new Held(mark, envelope));
                return;
            }
            queue.add(envelope);
        }
        scheduleDrain();
    }

    /** Called by a producer when a checkpoint's barrier reaches it, before it puts anything newer. */
    void markBarrier(int producer, long checkpointId) {
        synchronized (this) {
            markedUpTo[producer] = Math.max(markedUpTo[producer], checkpointId);
            if (checkpointId > snapshotted && !abortedCheckpoints.containsKey(checkpointId)) {
                open.add(checkpointId);
            }
            notifyAll();
        }
    }

    /**
     * Called by a producer when a checkpoint was aborted: a head waiting for its barrier gives up, and what
     * producers held back for it alone flows again.
     */
    void abort(long checkpointId, String reason) {
        boolean released;
        synchronized (this) {
            if (checkpointId <= snapshotted) {
                return;
            }
            abortedCheckpoints.put(checkpointId, reason);
            open.remove(checkpointId);
            released = releaseFlowing();
            notifyAll();
        }
        if (released) {
            scheduleDrain();
        }
    }

    /**
     * Called by the head in its snapshot of {@code checkpointId}: waits until every producer has seen that
     * checkpoint's barrier, then returns the envelopes in flight, oldest first (they stay queued and are
     * emitted as usual). The head must not take envelopes while this runs; it cannot, since both run in its
     * task thread.
     */
    List<Envelope> inFlightAt(long checkpointId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Envelope> log;
        synchronized (this) {
            // barriers reach the head in order: older checkpoints it did not take never will be taken here, and
            // what was held for them was put before its producers' marks of this one: in flight for it
            open.headSet(checkpointId).clear();
            if (!abortedCheckpoints.containsKey(checkpointId)) {
                open.add(checkpointId);
            }
            releaseFlowing();
            while (!allMarked(checkpointId)) {
                String aborted = abortedCheckpoints.get(checkpointId);
                if (aborted != null) {
                    throw new IllegalStateException("checkpoint " + checkpointId + " was aborted before its barrier "
                            + "reached the loop tail: " + aborted);
                }
                if (closed) {
                    throw new IllegalStateException("the loop channel closed while checkpoint " + checkpointId + " waited");
                }
                long waitNanos = deadline - System.nanoTime();
                if (waitNanos <= 0) {
                    throw new IllegalStateException("the barrier of checkpoint " + checkpointId
                            + " did not reach the loop tail within " + timeout);
                }
                wait(Math.max(1, waitNanos / 1_000_000));
            }
            log = new ArrayList<>((int) Math.min(queue.size(), 1 << 16));
            queue.forEachOldest(queue.size(), log::add);
            snapshotted = Math.max(snapshotted, checkpointId);
            open.headSet(checkpointId, true).clear();
            abortedCheckpoints.keySet().removeIf(id -> id <= checkpointId);
            releaseFlowing();
        }
        scheduleDrain(); // what was held back may go now
        return log;
    }

    private boolean allMarked(long checkpointId) {
        for (long mark : markedUpTo) {
            if (mark < checkpointId) {
                return false;
            }
        }
        return true;
    }

    /** Whether a put made after its producer's mark {@code mark} may be taken now: no open checkpoint is ≤ it. */
    private boolean flows(long mark) {
        return open.isEmpty() || mark < open.first();
    }

    /** Moves the held envelopes that may flow now into the queue, in the order they were put. */
    private boolean releaseFlowing() {
        boolean released = false;
        int count = held.size();
        for (int i = 0; i < count; i++) {
            Held next = held.poll();
            if (flows(next.checkpoint())) {
                queue.add(next.envelope());
                released = true;
            } else {
                held.add(next); // keeps its place among its producer's puts
            }
        }
        return released;
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
        try {
            executor.execute(this::drain, "entityflow feedback");
        } catch (IllegalStateException | RejectedExecutionException closing) {
            // the head's task is closing (its mailbox refuses mail): this attempt's envelopes are discarded with
            // it, and a producer in another task must not fail for it
            synchronized (this) {
                drainScheduled = false;
            }
        }
    }

    /**
     * Emits up to {@link #BATCH} queued envelopes in sub-batches of {@link #SUB_BATCH}, stopping early when the
     * task has other mail: a checkpoint, a timer, an inspector's read wait for at most one sub-batch instead of
     * a whole batch (with about 5 µs per envelope, 0.3 ms instead of 5 ms). While a drain runs, puts do not
     * schedule another one (it would count as other mail); the drain reschedules itself at the end. Envelopes
     * leave the queue only as they are emitted in this mail, so a snapshot between two mails logs the rest.
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
