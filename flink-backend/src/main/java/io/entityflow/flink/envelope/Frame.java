package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;

import java.util.Arrays;
import java.util.Objects;

/**
 * A suspended caller: the entity and method waiting for a result and the split block to resume at. Its
 * saved locals stay at the entity, under {@code slot} ({@link io.entityflow.ir.runtime.SuspendedFrames}),
 * so that they keep their identity with the entity's state; a frame carries them inline ({@code slot}
 * -1) only while it runs in the entity's own event (a suspending local call) or when it was read from a
 * checkpoint of envelope format 2, which kept locals in the message.
 */
public record Frame(EntityRef entity, String method, int block, long slot, Object[] locals) {
    public static final long INLINE = -1;

    public Frame {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(method, "method");
        if ((slot == INLINE) == (locals == null)) {
            throw new IllegalArgumentException("a frame has either a slot at its entity or its locals inline");
        }
    }

    /** A frame whose locals are at hand (not yet stored at the entity). */
    public Frame(EntityRef entity, String method, int block, Object[] locals) {
        this(entity, method, block, INLINE, locals);
    }

    /** A frame whose locals wait at its entity under {@code slot}. */
    public static Frame stored(EntityRef entity, String method, int block, long slot) {
        return new Frame(entity, method, block, slot, null);
    }

    public boolean isStored() {
        return slot != INLINE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && entity.equals(f.entity) && method.equals(f.method) && block == f.block
                && slot == f.slot && Arrays.deepEquals(locals, f.locals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entity, method, block, slot, Arrays.deepHashCode(locals));
    }

    @Override
    public String toString() {
        return entity + "." + method + "@" + block + (isStored() ? "#" + slot : Arrays.deepToString(locals));
    }
}
