package io.entityflow.flink.gateway;

import io.entityflow.api.gateway.Entities;
import io.entityflow.api.gateway.GatewayRouting;
import io.entityflow.api.gateway.RouteHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the routes {@link io.entityflow.api.gateway.GatewayRoutes} declare, for the gateway to install. */
final class SpiRouting implements GatewayRouting {
    record Route(String method, String path, RouteHandler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final RouteTable<RouteHandler> shapes = new RouteTable<>();
    private final Entities entities;

    SpiRouting(Entities entities) {
        this.entities = entities;
        for (Route api : Gateway.API_ROUTES) { // a route for the same paths as one of these is refused when declared
            shapes.add(api.method(), api.path(), api.handler());
        }
    }

    @Override
    public GatewayRouting get(String path, RouteHandler handler) {
        return add("GET", path, handler);
    }

    @Override
    public GatewayRouting post(String path, RouteHandler handler) {
        return add("POST", path, handler);
    }

    private GatewayRouting add(String method, String path, RouteHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with /: " + path);
        }
        if (path.equals("/health") || path.startsWith("/entities/") || path.equals("/entities")) {
            throw new IllegalArgumentException("route " + method + " " + path + " would shadow the gateway's own API");
        }
        shapes.add(method, path, handler); // refuses a malformed path or a second route for the same paths, here
        routes.add(new Route(method, path, handler));
        return this;
    }

    @Override
    public Entities entities() {
        return entities;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }
}
