package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two snapshots, per entity type: entities added, removed and changed, and for a
 * changed one each field with its value before and after. At most {@code limit} entities of each kind are
 * listed (the counts are complete), so a large diff never floods the page.
 */
public final class SnapshotDiff {
    private SnapshotDiff() {
    }

    public static ObjectNode diff(ObjectMapper mapper, Map<String, Map<String, ObjectNode>> before,
                                  Map<String, Map<String, ObjectNode>> after, int limit) {
        ObjectNode out = mapper.createObjectNode();
        ArrayNode types = out.putArray("types");
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String type : names) {
            Map<String, ObjectNode> a = before.getOrDefault(type, Map.of());
            Map<String, ObjectNode> b = after.getOrDefault(type, Map.of());
            ObjectNode view = types.addObject().put("type", type);
            ArrayNode added = view.putArray("added");
            ArrayNode removed = view.putArray("removed");
            ArrayNode changed = view.putArray("changed");
            int addedCount = 0;
            int removedCount = 0;
            int changedCount = 0;
            for (Map.Entry<String, ObjectNode> entry : b.entrySet()) {
                ObjectNode old = a.get(entry.getKey());
                if (old == null) {
                    if (addedCount++ < limit) {
                        added.addObject().put("key", entry.getKey()).set("fields", entry.getValue());
                    }
                } else if (!old.equals(entry.getValue())) {
                    if (changedCount++ < limit) {
                        ObjectNode change = changed.addObject().put("key", entry.getKey());
                        change.set("fields", fieldChanges(mapper, old, entry.getValue()));
                    }
                }
            }
            for (Map.Entry<String, ObjectNode> entry : a.entrySet()) {
                if (!b.containsKey(entry.getKey()) && removedCount++ < limit) {
                    removed.addObject().put("key", entry.getKey()).set("fields", entry.getValue());
                }
            }
            view.put("addedCount", addedCount).put("removedCount", removedCount).put("changedCount", changedCount);
        }
        return out;
    }

    private static ArrayNode fieldChanges(ObjectMapper mapper, ObjectNode before, ObjectNode after) {
        ArrayNode fields = mapper.createArrayNode();
        Set<String> names = new TreeSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old == null ? now != null : !old.equals(now)) {
                ObjectNode field = fields.addObject().put("field", name);
                field.set("before", old);
                field.set("after", now);
            }
        }
        return fields;
    }

}
