package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.operators.MailboxExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The newest checkpoint the head has logged (or given up), so producers' later puts flow again. */
    private long snapshotted;
    /** Puts made after their producer's mark, each with that checkpoint, waiting for the head's snapshot. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<Long, String> abortedCheckpoints = new ConcurrentHashMap<>();
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

    /**
     * Called by producer {@code producer} from its task thread; never blocks. After the head's subtask has
     * ended (the job is stopping or failing over) the envelope is dropped: that attempt's state is discarded.
     */
    void put(int producer, Envelope envelope) {
        synchronized (this) {
            if (closed) {
                return;
            }
            long mark = markedUpTo[producer];
            if (mark > snapshotted) {
                held.add(new Held(mark, envelope));
                return;
            }
            queue.add(envelope);
        }
        scheduleDrain();
    }

    /** Called by the head when it replays a restored log, before anything else is put. */
    void replay(Envelope envelope) {
        synchronized (this) {
            queue.add(envelope);
        }
    }

    /** Called by a producer when a checkpoint's barrier reaches it, before it puts anything newer. */
    void markBarrier(int producer, long checkpointId) {
        synchronized (this) {
            markedUpTo[producer] = Math.max(markedUpTo[producer], checkpointId);
            notifyAll();
        }
    }

    /**
     * Called by a producer when a checkpoint was aborted: a head waiting for its barrier gives up, and what
     * producers held back for it flows again (it is older than the next checkpoint).
     */
    void abort(long checkpointId, String reason) {
        boolean released;
        synchronized (this) {
            if (checkpointId > snapshotted) {
                abortedCheckpoints.put(checkpointId, reason);
            }
            released = releaseUpTo(checkpointId);
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
            // held for an older checkpoint this head never took (aborted before its barrier came here):
            // put before their producers' marks of this one, so in flight for it
            releaseUpTo(checkpointId - 1);
            while (!allMarked(checkpointId)) {
                String aborted = abortedCheckpoints.remove(checkpointId);
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
            releaseUpTo(checkpointId);
            abortedCheckpoints.keySet().removeIf(id -> id <= checkpointId);
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

    /** Moves held envelopes of checkpoints up to {@code checkpointId} into the queue, in the order they were put. */
    private boolean releaseUpTo(long checkpointId) {
        if (checkpointId <= snapshotted) {
            return false;
        }
        snapshotted = checkpointId;
        if (held.isEmpty()) {
            return false;
        }
        boolean released = false;
        int count = held.size();
        for (int i = 0; i < count; i++) {
            Held next = held.poll();
            if (next.checkpoint() <= checkpointId) {
                queue.add(next.envelope());
                released = true;
            } else {
                held.add(next); // a newer checkpoint's: keeps its place among its producer's puts
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
        executor.execute(this::drain, "entityflow feedback");
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
