package io.entityflow.flink.serial;

import io.entityflow.ir.runtime.EntitySchema;

import java.util.ArrayList;
import java.util.List;

/**
 * How an entity type's saved fields relate to a new version of its code: what cannot be restored (another
 * key, a field whose type changed) and what will happen to the rest (a new field takes its initial value,
 * a removed field's values are dropped). Each line names the type and the field.
 */
public record SchemaChanges(List<String> incompatibilities, List<String> notes) {

    public static SchemaChanges between(EntitySchema saved, EntitySchema code) {
        List<String> incompatible = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String type = code.type();
        if (!saved.key().equals(code.key())) {
            incompatible.add(type + ": the key was field '" + saved.key() + "' and is now '" + code.key()
                    + "'; saved entities cannot be found by another key");
        }
        for (EntitySchema.Field field : saved.fields()) {
            EntitySchema.Field now = code.field(field.name());
            if (now == null) {
                if (field.name().equals(saved.key())) {
                    continue; // reported as a changed key
                }
                notes.add(type + "." + field.name() + ": removed; its saved values are dropped");
            } else if (!now.type().equals(field.type())) {
                incompatible.add(type + "." + field.name() + ": saved as " + field.type() + ", now declared "
                        + now.type() + "; keep the type, or add a field of the new type");
            }
        }
        for (EntitySchema.Field field : code.fields()) {
            if (saved.field(field.name()) == null) {
                notes.add(type + "." + field.name() + ": new; saved entities get its initial value");
            }
        }
        return new SchemaChanges(List.copyOf(incompatible), List.copyOf(notes));
    }
}
