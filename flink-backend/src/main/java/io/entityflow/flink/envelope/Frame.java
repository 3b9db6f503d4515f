package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;

import java.util.Arrays;
import java.util.Objects;

/**
 * A suspended caller: the entity and method waiting for a result, the split block to resume at and the
 * locals that block needs (the frame the generated code saved).
 */
public record Frame(EntityRef entity, String method, int block, Object[] locals) {
    public Frame {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(locals, "locals");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && entity.equals(f.entity) && method.equals(f.method) && block == f.block
                && Arrays.deepEquals(locals, f.locals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entity, method, block, Arrays.deepHashCode(locals));
    }

    @Override
    public String toString() {
        return entity + "." + method + "@" + block + Arrays.deepToString(locals);
    }
}
