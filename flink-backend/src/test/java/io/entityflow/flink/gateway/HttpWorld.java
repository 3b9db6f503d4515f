package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.flink.gateway.client.EntityClient;
import io.entityflow.flink.gateway.client.EntityClientException;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.testing.Outcome;
import io.entityflow.ir.testing.SplitRuntime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A program's split code reached only over HTTP: every create, call and state read goes through
 * {@link EntityClient} to a gateway in front of the entity job. Results are read back with the declared
 * types (the gateway's own shapes of the program), so they compare equal to plain Java's; failures become
 * outcomes with the remote exception's type and message.
 */
final class HttpWorld implements SplitRuntime {
    private final ProgramCatalog catalog;
    private final EntityClient client;
    private final Set<EntityRef> known = new LinkedHashSet<>();

    HttpWorld(ProgramCatalog catalog, EntityClient client) {
        this.catalog = catalog;
        this.client = client;
    }

    @Override
    public Outcome create(String type, Object... args) {
        try {
            JsonNode key = client.create(type, args);
            EntityRef ref = new EntityRef(type, catalog.entity(type).keyShape().read(key));
            known.add(ref);
            return Outcome.value(ref);
        } catch (EntityClientException e) {
            return failure(e);
        }
    }

    @Override
    public Outcome call(EntityRef target, String method, Object... args) {
        try {
            JsonNode result = client.call(target.type(), target.key(), method, args);
            ValueShape declared = catalog.entity(target.type()).method(method).result();
            return Outcome.value(declared == null ? null : declared.read(result));
        } catch (EntityClientException e) {
            return failure(e);
        }
    }

    private static Outcome failure(EntityClientException e) {
        // a refusal of the gateway itself (no exception type) cannot match plain Java: it shows as such
        return Outcome.failure(e.type() != null ? e.type() : "gateway refused: " + e.code(), e.getMessage());
    }

    /** Every entity reachable from those created, read with {@code GET /entities/{type}/{key}}. */
    @Override
    public Map<EntityRef, Map<String, Object>> rawState() {
        Map<EntityRef, Map<String, Object>> state = new LinkedHashMap<>();
        Deque<EntityRef> todo = new ArrayDeque<>(known);
        while (!todo.isEmpty()) {
            EntityRef ref = todo.poll();
            if (state.containsKey(ref)) {
                continue;
            }
            JsonNode fields;
            try {
                fields = client.state(ref.type(), ref.key());
            } catch (EntityClientException e) {
                if (e.status() == 404) {
                    continue;
                }
                throw e;
            }
            Map<String, ValueShape> shapes = catalog.entity(ref.type()).fields();
            Map<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                values.put(field.getKey(), shapes.get(field.getKey()).read(field.getValue()));
            }
            state.put(ref, values);
            collectRefs(fields, todo);
        }
        return state;
    }

    /** References appear in JSON as {"type","key"}; follow them to entities created by entity code. */
    private void collectRefs(JsonNode node, Deque<EntityRef> into) {
        if (node.isObject() && node.size() == 2 && node.path("type").isTextual() && node.has("key")) {
            String type = node.get("type").asText();
            into.add(new EntityRef(type, catalog.entity(type).keyShape().read(node.get("key"))));
            return;
        }
        node.forEach(child -> collectRefs(child, into));
    }
}
