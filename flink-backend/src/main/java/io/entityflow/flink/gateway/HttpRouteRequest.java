package io.entityflow.flink.gateway;

import io.entityflow.api.gateway.Entities;
import io.entityflow.api.gateway.RouteRequest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A request to a contributed route, read from the gateway's exchange; the SPI itself names no server type. */
final class HttpRouteRequest implements RouteRequest {
    private final HttpExchange exchange;
    private final String pattern;
    private final Map<String, String> pathParams;
    private final Function<String, Entities> entitiesFor;
    private Entities entities;

    /** @param entitiesFor the entities handle for a request with this Idempotency-Key (null: none) */
    HttpRouteRequest(HttpExchange exchange, String pattern, Map<String, String> pathParams, Function<String, Entities> entitiesFor) {
        this.exchange = exchange;
        this.pattern = pattern;
        this.pathParams = pathParams;
        this.entitiesFor = entitiesFor;
    }

    @Override
    public String method() {
        return exchange.method();
    }

    @Override
    public String path() {
        return exchange.path();
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
        return Optional.ofNullable(exchange.queryParam(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.header(name));
    }

    @Override
    public String body() {
        return new String(exchange.body(), StandardCharsets.UTF_8);
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
