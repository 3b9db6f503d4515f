package io.entityflow.api.gateway;

/**
 * Where {@link GatewayRoutes} declare their routes. Paths use {@code {name}} for one path segment, read
 * with {@link RouteRequest#pathParam(String)}. An exception a handler throws, or its stage fails with,
 * becomes the gateway's JSON error: a {@link GatewayError} with its own status and code, anything else
 * a 500 {@code internal_error} (logged, never shown to the client).
 */
public interface GatewayRouting {

    GatewayRouting get(String path, RouteHandler handler);

    GatewayRouting post(String path, RouteHandler handler);

    /** The program's entities, for work outside a request; inside one prefer {@link RouteRequest#entities()}. */
    Entities entities();
}
