package io.entityflow.api.gateway;

/**
 * Where {@link GatewayRoutes} declare their routes. Each path segment is literal text or one {@code {name}}
 * (any one segment, read percent-decoded with {@link RouteRequest#pathParam(String)}); segments are compared
 * from the left, and at each a literal segment wins over a {@code {name}} one whatever the order of declaration;
 * a second route for the same method and paths (also one of the entity API's) is refused when it is declared.
 * An exception a handler throws, or its stage fails with, becomes the gateway's JSON error: a
 * {@link GatewayError} with its own status and code, anything else a 500 {@code internal_error} (logged,
 * never shown to the client).
 */
public interface GatewayRouting {

    GatewayRouting get(String path, RouteHandler handler);

    GatewayRouting post(String path, RouteHandler handler);

    /** The program's entities, for work outside a request; inside one prefer {@link RouteRequest#entities()}. */
    Entities entities();
}
