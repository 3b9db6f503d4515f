package io.entityflow.ir.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The invocations suspended at one entity, each waiting for the result of a remote call: the method,
 * the block it resumes at and its saved locals, by slot. They live inside the entity, not in the
 * messages of the call: Java's object identity must hold across a split point, so a saved local that
 * names an object of the entity's state (or another saved local's object) must still name that very
 * object when the method resumes. Stored beside the fields, the locals are the same live objects while
 * the job runs, and are checkpointed, copied and restored together with the fields as one object graph.
 *
 * <p>Not thread-safe: an entity is used by one thread at a time.
 */
public final class SuspendedFrames {
    /**
     * One suspended invocation.
     *
     * @param transaction the transaction attempt it belongs to ({@code id#attempt}), or null: a rollback
     *                    drops the frames of its attempt, whose results will never come
     */
    public record Suspended(String method, int block, Object[] locals, String transaction) {
    }

    private Map<Long, Suspended> frames;
    private long nextSlot;

    /** Saves a frame; the returned slot travels with the call and brings its result back to it. */
    public long suspend(String method, int block, Object[] locals, String transaction) {
        if (frames == null) {
            frames = new LinkedHashMap<>();
        }
        long slot = nextSlot++;
        frames.put(slot, new Suspended(method, block, locals, transaction));
        return slot;
    }

    /** Takes the frame of {@code slot} out, to resume it; null when there is none. */
    public Suspended resume(long slot) {
        return frames == null ? null : frames.remove(slot);
    }

    /**
     * Drops the frames of a transaction attempt that ended (rolled back: their calls will never return);
     * true when there were any.
     */
    public boolean dropTransaction(String transaction) {
        return frames != null && transaction != null && frames.values().removeIf(f -> transaction.equals(f.transaction()));
    }

    public boolean isEmpty() {
        return frames == null || frames.isEmpty();
    }

    /** Slot to frame, in the order they were suspended (read-only). */
    public Map<Long, Suspended> all() {
        return frames == null ? Map.of() : Collections.unmodifiableMap(frames);
    }

    public long nextSlot() {
        return nextSlot;
    }

    /** Replaces every frame: restoring an entity from its saved form. */
    public void restore(Map<Long, Suspended> saved, long next) {
        frames = saved.isEmpty() ? null : new LinkedHashMap<>(saved);
        nextSlot = next;
    }
}
