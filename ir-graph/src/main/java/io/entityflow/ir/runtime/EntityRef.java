package io.entityflow.ir.runtime;

import java.util.Objects;

/**
 * A reference to an entity: its type (qualified class name) and key. In split code every value of an
 * entity type is one of these; on the wire it travels as the key.
 */
public record EntityRef(String type, Object key) {
    public EntityRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        int dot = type.lastIndexOf('.');
        return type.substring(dot + 1) + "(" + key + ")";
    }
}
