package io.entityflow.ir.runtime;

/**
 * Marks the generated constructor that rebuilds an entity from its saved fields (checkpoint, state
 * backend) without running the user's constructor again.
 */
public enum Restore {
    FIELDS
}
