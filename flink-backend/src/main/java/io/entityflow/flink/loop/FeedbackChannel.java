package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.operators.MailboxExecutor;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The in-JVM edge of the feedback loop between a tail subtask and the head subtask of the same index
 * (co-located in one slot): the tail never blocks (the queue is unbounded, so the loop cannot deadlock on
 * itself, unlike Flink's iterate()), and the head emits queued envelopes from its own task thread, through
 * its mailbox, between the records of its other input.
 */
public final class FeedbackChannel {
    private static final Map<String, FeedbackChannel> CHANNELS = new ConcurrentHashMap<>();
    private static final int BATCH = 1024;

    private final Queue<Envelope> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile MailboxExecutor mailbox;
    private volatile Consumer<Envelope> consumer;

    private FeedbackChannel() {
    }

    /** The channel of one loop subtask attempt; head and tail find each other by this key. */
    public static FeedbackChannel of(String loopId, int subtask, int attempt) {
        return CHANNELS.computeIfAbsent(loopId + "/" + subtask + "/" + attempt, k -> new FeedbackChannel());
    }

    public static void release(String loopId, int subtask, int attempt) {
        CHANNELS.remove(loopId + "/" + subtask + "/" + attempt);
    }

    /** Called by the head in its task thread; envelopes queued before it registered are emitted then. */
    void consumeWith(MailboxExecutor mailbox, Consumer<Envelope> consumer) {
        this.mailbox = mailbox;
        this.consumer = consumer;
        scheduleDrain();
    }

    /** Called by the tail from its task thread; never blocks. */
    void put(Envelope envelope) {
        queue.add(envelope);
        scheduleDrain();
    }

    int size() {
        return queue.size();
    }

    private void scheduleDrain() {
        MailboxExecutor executor = mailbox;
        if (executor != null && !queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            executor.execute(this::drain, "entityflow feedback");
        }
    }

    private void drain() {
        drainScheduled.set(false);
        Consumer<Envelope> emit = consumer;
        for (int i = 0; i < BATCH; i++) {
            Envelope next = queue.poll();
            if (next == null) {
                break;
            }
            emit.accept(next);
        }
        // a bounded batch keeps the head's other input (new requests) and checkpoints flowing
        scheduleDrain();
    }
}
