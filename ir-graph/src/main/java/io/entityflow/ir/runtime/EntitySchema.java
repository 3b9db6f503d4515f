package io.entityflow.ir.runtime;

import java.util.List;

/**
 * What an entity type's saved state is made of: its key field and its fields in declaration order with
 * their resolved types ({@code int}, {@code java.util.List<shop.OrderLine>}, an entity type's name for a
 * reference). Recorded in checkpoints and savepoints, so a new version of the code can restore old state
 * field by field, by name, and an incompatible change is found before it is deployed.
 */
public record EntitySchema(String type, String key, List<Field> fields) {

    public record Field(String name, String type) {
    }

    public EntitySchema {
        fields = List.copyOf(fields);
    }

    /** The position of a field in {@link SplitEntity#$state()} order, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Field field(String name) {
        int index = indexOf(name);
        return index < 0 ? null : fields.get(index);
    }
}
