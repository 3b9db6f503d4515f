package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.Entities;
import io.entityflow.api.gateway.RouteRequest;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A request to a contributed route, read from Javalin's context; the SPI itself names no Javalin type. */
final class JavalinRouteRequest implements RouteRequest {
    private final Context ctx;
    private final String pattern;
    private final Map<String, String> pathParams;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    private final Function<String, Entities> entitiesFor;
    private Entities entities;

    /** @param entitiesFor the entities handle for a request with this Idempotency-Key (null: none) */
    JavalinRouteRequest(Context ctx, String pattern, Map<String, String> pathParams, ObjectMapper mapper, long maxBodyBytes,
                        Function<String, Entities> entitiesFor) {
        this.ctx = ctx;
        this.pattern = pattern;
        this.pathParams = pathParams;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
        this.entitiesFor = entitiesFor;
    }

    @Override
    public String method() {
        return ctx.method().name();
    }

    @Override
    public String path() {
        return ctx.path();
    }

    @Override
    public String pathParam(String name) {
        String bare = name.length() > 2 && name.startsWith("{") && name.endsWith("}") ? name.substring(1, name.length() - 1) : name;
        String value = pathParams.get(bare);
        if (value == null) {
            throw new IllegalArgumentException("route " + pattern + " has no path parameter {" + bare + "}");
        }
        return value;
    }

    @Override
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(ctx.queryParam(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(ctx.header(name));
    }

    @Override
    public String body() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    private byte[] bytes() {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == 413) {
                throw JsonResponses.bodyTooLarge(maxBodyBytes);
            }
            throw e;
        }
    }

    @Override
    public Optional<String> idempotencyKey() {
        Optional<String> key = header(EntityApi.IDEMPOTENCY_KEY);
        key.ifPresent(EntityApi::validateIdempotencyKey);
        return key;
    }

    @Override
    public synchronized Entities entities() {
        if (entities == null) {
            entities = entitiesFor.apply(idempotencyKey().orElse(null));
        }
        return entities;
    }
}
