package io.entityflow.ir.runtime;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;

import java.util.Objects;

/**
 * A reference to an entity: its type (qualified class name) and key. In split code every value of an
 * entity type is one of these; on the wire it travels as the key.
 *
 * <p>In plain Java one entity is one object, so {@code a == b} on entities is true exactly when they are
 * the same entity, also through {@code Object}-typed variables. References made by {@link #of} are
 * interned (weakly: unused ones are collected), so that holds for split code too: every reference that
 * reaches entity code (decoded arguments and results, {@code $ref()}) comes from {@link #of}.
 */
public record EntityRef(String type, Object key) {
    private static final Interner<EntityRef> INTERNED = Interners.newWeakInterner();

    public EntityRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }

    /** The one reference object of this JVM for the entity {@code type}/{@code key}. */
    public static EntityRef of(String type, Object key) {
        return INTERNED.intern(new EntityRef(type, key));
    }

    /** This reference's interned instance (the same object for every equal reference). */
    public EntityRef interned() {
        return INTERNED.intern(this);
    }

    @Override
    public String toString() {
        int dot = type.lastIndexOf('.');
        return type.substring(dot + 1) + "(" + key + ")";
    }
}
