package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.ir.runtime.EntityRef;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import io.entityflow.flink.envelope.RequestIds;

/**
 * The entity API of ARCHITECTURE §6: create, call, read state. Each handler validates everything it can
 * (type, method, key, body, arguments) before submitting anything, so a refused request never touches
 * an entity; then it answers when the job does.
 */
final class EntityApi {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 256;
    private final ProgramCatalog catalog;
    private final EntityOperations operations;
    private final ObjectMapper mapper;
    private final JsonResponses responses;

    EntityApi(ProgramCatalog catalog, EntityOperations operations, ObjectMapper mapper, JsonResponses responses) {
        this.catalog = catalog;
        this.operations = operations;
        this.mapper = mapper;
        this.responses = responses;
    }

    /** {@code POST /entities/{type}} {@code {"args":[...]}} → 201 {@code {"key":...}} */
    void create(HttpExchange ctx, Map<String, String> path) {
        byte[] body = ctx.body();
        CatalogEntity type = catalog.entity(path.get("type"));
        List<JsonNode> args = RequestBody.arguments(body, mapper);
        Object[] values = type.constructor(args.size()).arguments(args);
        String requestId = requestId(ctx);
        responses.later(ctx, operations.create(type, values, requestId), 201, key -> Collections.singletonMap("key", key));
    }

    /** {@code POST /entities/{type}/{key}/{method}} {@code {"args":[...]}} → 200 {@code {"result":...}} */
    void call(HttpExchange ctx, Map<String, String> path) {
        byte[] body = ctx.body();
        CatalogEntity type = catalog.entity(path.get("type"));
        String name = path.get("method");
        Operation method = type.method(name);
        EntityRef target = type.ref(type.keyFromText(path.get("key")));
        List<JsonNode> args = RequestBody.arguments(body, mapper);
        Object[] values = method.arguments(args);
        String requestId = requestId(ctx);
        responses.later(ctx, operations.call(target, name, values, requestId), 200,
                result -> Collections.singletonMap("result", result));
    }

    /** {@code GET /entities/{type}/{key}} → 200 with the entity's fields */
    void state(HttpExchange ctx, Map<String, String> path) {
        CatalogEntity type = catalog.entity(path.get("type"));
        EntityRef target = type.ref(type.keyFromText(path.get("key")));
        responses.later(ctx, operations.state(target), 200, fields -> fields);
    }

    /** The client's {@code Idempotency-Key}, or a fresh id: the runtime deduplicates by it. */
    static String requestId(HttpExchange ctx) {
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null) {
            return RequestIds.generate();
        }
        validateIdempotencyKey(key);
        return key;
    }

    static void validateIdempotencyKey(String key) {
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY) {
            throw new GatewayError(400, "bad_idempotency_key", "the Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " characters, not blank; got " + key.length());
        }
        if (key.startsWith(RequestIds.GENERATED_PREFIX)) {
            throw new GatewayError(400, "bad_idempotency_key", "an Idempotency-Key must not start with '"
                    + RequestIds.GENERATED_PREFIX + "' (reserved for ids the gateway makes)");
        }
    }
}
