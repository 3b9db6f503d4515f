package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.Entities;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.ir.runtime.EntityRef;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The route SPI's view of the entities. Java arguments go through JSON and the same shapes as HTTP
 * arguments, so route code and HTTP clients get the same conversions and the same refusals.
 */
final class InProcessEntities implements Entities {
    private final ProgramCatalog catalog;
    private final EntityOperations operations;
    private final ObjectMapper mapper;
    private final Supplier<String> requestIds;

    private InProcessEntities(ProgramCatalog catalog, EntityOperations operations, ObjectMapper mapper, Supplier<String> requestIds) {
        this.catalog = catalog;
        this.operations = operations;
        this.mapper = mapper;
        this.requestIds = requestIds;
    }

    /** Every operation with a fresh request id. */
    static InProcessEntities unscoped(ProgramCatalog catalog, EntityOperations operations, ObjectMapper mapper) {
        return new InProcessEntities(catalog, operations, mapper, () -> io.entityflow.flink.envelope.RequestIds.generate());
    }

    /** The n-th operation gets {@code idempotencyKey#n}, so a retried request repeats no effect; fresh ids without a key. */
    static InProcessEntities scoped(ProgramCatalog catalog, EntityOperations operations, ObjectMapper mapper, String idempotencyKey) {
        if (idempotencyKey == null) {
            return unscoped(catalog, operations, mapper);
        }
        AtomicInteger operation = new AtomicInteger();
        return new InProcessEntities(catalog, operations, mapper, () -> idempotencyKey + "#" + operation.incrementAndGet());
    }

    @Override
    public CompletableFuture<Object> create(String type, Object... args) {
        CatalogEntity entity = catalog.entity(type);
        Object[] values = entity.constructor(args == null ? 0 : args.length).javaArguments(args, mapper);
        return operations.create(entity, values, requestIds.get());
    }

    @Override
    public CompletableFuture<Object> call(String type, Object key, String method, Object... args) {
        CatalogEntity entity = catalog.entity(type);
        Operation operation = entity.method(method);
        EntityRef target = entity.ref(key(entity, key));
        Object[] values = operation.javaArguments(args, mapper);
        return operations.call(target, method, values, requestIds.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Map<String, Object>> state(String type, Object key) {
        CatalogEntity entity = catalog.entity(type);
        return operations.state(entity.ref(key(entity, key))).thenApply(fields -> (Map<String, Object>) fields);
    }

    /** A key as route code has it: text from a URL, a reference, or a value of the key's type. */
    private Object key(CatalogEntity entity, Object key) {
        if (key instanceof String text) {
            return entity.keyFromText(text);
        }
        if (key instanceof EntityRef ref) {
            if (!ref.type().equals(entity.qualifiedName())) {
                throw new GatewayError(400, "bad_key", "key of " + entity.qualifiedName() + ": got a reference to " + ref);
            }
            key = ref.key();
        }
        return entity.keyFromJson(mapper.valueToTree(key));
    }
}
