package io.entityflow.flink.deploy;

import io.entityflow.flink.serial.SchemaChanges;
import io.entityflow.ir.runtime.EntitySchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a program can start from a savepoint: every entity type saved there must still exist (unless its
 * entities may be dropped) with the same key, and every saved field keep its type. What passes is listed
 * too — new fields with their initial values, dropped fields, new types — so a user sees what the upgrade does.
 */
public record UpgradeCheck(List<String> incompatibilities, List<String> notes) {

    public boolean compatible() {
        return incompatibilities.isEmpty();
    }

    /**
     * @param saved                 what {@link SavepointSchemas#read} found
     * @param program               the fields each entity type of the new program saves
     * @param allowNonRestoredState entities of a type the program no longer has may be dropped
     */
    public static UpgradeCheck of(Map<String, EntitySchema> saved, Map<String, EntitySchema> program, boolean allowNonRestoredState) {
        List<String> incompatible = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        saved.forEach((type, schema) -> {
            EntitySchema now = program.get(type);
            if (schema == null) {
                notes.add(type + ": saved before entityflow recorded fields; they are restored in declaration order");
            } else if (now == null) {
                String line = "entity type " + type + " is in the savepoint but not in the program";
                if (allowNonRestoredState) {
                    notes.add(line + ": its entities are dropped (--allow-non-restored-state)");
                } else {
                    incompatible.add(line + "; its entities would be lost (keep the type, or pass"
                            + " --allow-non-restored-state to drop them)");
                }
            } else {
                SchemaChanges changes = SchemaChanges.between(schema, now);
                incompatible.addAll(changes.incompatibilities());
                notes.addAll(changes.notes());
            }
        });
        program.keySet().stream().filter(type -> !saved.containsKey(type))
                .forEach(type -> notes.add("entity type " + type + ": new; it starts with no entities"));
        return new UpgradeCheck(List.copyOf(incompatible), List.copyOf(notes));
    }

    /** The refusal a user reads: every incompatibility, one per line. */
    public String refusal(String savepoint) {
        return "the program cannot start from savepoint " + savepoint + ":\n  " + String.join("\n  ", incompatibilities);
    }
}
