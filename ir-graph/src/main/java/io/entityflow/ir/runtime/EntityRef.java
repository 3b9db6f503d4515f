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
 *
 * <p>A value class with a record's accessors ({@link #type()}, {@link #key()}), not a record, only so that it
 * can keep its {@link #path()}: the runtime routes and looks up state by that string several times per message,
 * and building and hashing it anew each time was a tenth of the engine's CPU.
 */
public final class EntityRef {
    private static final Interner<EntityRef> INTERNED = Interners.newWeakInterner();

    private final String type;
    private final Object key;
    /** {@link #path()}, made at its first use; a racing second thread makes an equal string, which is harmless. */
    private String path;

    public EntityRef(String type, Object key) {
        this.type = Objects.requireNonNull(type, "type");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The one reference object of this JVM for the entity {@code type}/{@code key}. */
    public static EntityRef of(String type, Object key) {
        return INTERNED.intern(new EntityRef(type, key));
    }

    /** This reference's interned instance (the same object for every equal reference). */
    public EntityRef interned() {
        return INTERNED.intern(this);
    }

    /** The entity's type: its class's qualified name. */
    public String type() {
        return type;
    }

    /** The entity's key, as its {@code @Key} field holds it. */
    public Object key() {
        return key;
    }

    /**
     * {@code type/key}: the entity as one string, unique per entity (a type name has no {@code /}); the same
     * string object on every call, so its hash is computed once.
     */
    public String path() {
        String made = path;
        if (made == null) {
            made = type + "/" + key;
            path = made;
        }
        return made;
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof EntityRef ref && type.equals(ref.type) && key.equals(ref.key);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + key.hashCode();
    }

    @Override
    public String toString() {
        int dot = type.lastIndexOf('.');
        return type.substring(dot + 1) + "(" + key + ")";
    }
}
