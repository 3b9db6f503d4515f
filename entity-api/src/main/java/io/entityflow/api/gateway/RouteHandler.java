package io.entityflow.api.gateway;

import java.util.concurrent.CompletionStage;

/**
 * Answers one request of a contributed route. Asynchronous because most routes wait for entity calls;
 * a route with nothing to wait for returns {@code CompletableFuture.completedFuture(RouteResponse.ok(...))}.
 * The gateway calls it on one of its I/O threads, which serve many connections each: it must not block (no
 * {@code join()} on an entity call; return the stage instead).
 */
@FunctionalInterface
public interface RouteHandler {
    CompletionStage<RouteResponse> handle(RouteRequest request) throws Exception;
}
