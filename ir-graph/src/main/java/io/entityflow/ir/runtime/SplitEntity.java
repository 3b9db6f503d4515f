package io.entityflow.ir.runtime;

import java.util.Map;

/**
 * What generated code adds to an entity class: one entry point that runs a block of any method, the
 * entity's own reference, and a view of its state. Implemented by the rewritten entity classes only.
 */
public interface SplitEntity {

    /**
     * Runs {@code method} from {@code block}: block 0 with the call's arguments as {@code frame}, a later
     * block with the frame its call saved and the callee's result (or {@link RemoteFailure}) as input.
     */
    Step $invoke(String method, int block, Object[] frame, Object input) throws Throwable;

    EntityRef $ref();

    /** Field name to value, in declaration order; entity references appear as {@link EntityRef}. */
    Map<String, Object> $state();

    /** The values of {@link #$state()}, in the same order, in a new array. */
    Object[] $fieldValues();

    /** The invocations suspended at this entity (saved with its fields, never part of {@link #$state()}). */
    SuspendedFrames $suspended();

    /**
     * The runtime's serialised form of this entity as it was when last written to state, or null: snapshots
     * write it instead of serialising an unchanged entity again. Only the runtime sets it, whenever it writes
     * the entity; an entity changed in place without being written must not be snapshotted (the runtime
     * writes every entity its code may have changed before anything else reads it).
     */
    byte[] $storedForm();

    void $storedForm(byte[] form);
}
