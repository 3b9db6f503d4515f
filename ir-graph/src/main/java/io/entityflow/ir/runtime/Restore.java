package io.entityflow.ir.runtime;

/**
 * {@code FIELDS} marks the generated constructor that rebuilds an entity from its saved fields (checkpoint,
 * state backend) without running the user's constructor again. {@code ABSENT} in place of a field's value
 * leaves the field as its initialiser sets it: a field the saved state does not have (added by an upgrade).
 */
public enum Restore {
    FIELDS,
    ABSENT
}
