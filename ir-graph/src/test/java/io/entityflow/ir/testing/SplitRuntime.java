package io.entityflow.ir.testing;

import io.entityflow.ir.runtime.EntityRef;

import java.util.Map;

/**
 * A way to run generated split code that a {@link DifferentialWorld} compares with plain Java: the
 * in-memory loop here, or the Flink backend's runtime in its own module's tests.
 */
public interface SplitRuntime {
    Outcome create(String type, Object... args);

    Outcome call(EntityRef target, String method, Object... args);

    /** Every entity's fields (values as the generated code holds them: references as EntityRef). */
    Map<EntityRef, Map<String, Object>> rawState();
}
