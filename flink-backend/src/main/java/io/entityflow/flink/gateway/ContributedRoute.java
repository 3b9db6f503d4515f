package io.entityflow.flink.gateway;

import io.entityflow.api.gateway.Entities;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.api.gateway.RouteHandler;
import io.entityflow.api.gateway.RouteResponse;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a route a program contributed: adapts the request to the SPI, waits for the handler's stage (at
 * most the response timeout), and writes its response or error as JSON like the entity API does.
 */
final class ContributedRoute {
    private final RouteHandler handler;
    private final JsonResponses responses;
    private final Duration timeout;
    private final Function<String, Entities> entitiesFor;

    ContributedRoute(RouteHandler handler, JsonResponses responses, Duration timeout, Function<String, Entities> entitiesFor) {
        this.handler = handler;
        this.responses = responses;
        this.timeout = timeout;
        this.entitiesFor = entitiesFor;
    }

    /** @param pattern the route's declared path; {@code params} its parameters as the request's path gave them */
    void handle(HttpExchange ctx, String pattern, Map<String, String> params) throws Exception {
        CompletionStage<RouteResponse> stage = handler.handle(new HttpRouteRequest(ctx, pattern, params, entitiesFor));
        if (stage == null) {
            throw new IllegalStateException("the route for " + ctx.method() + " " + ctx.path() + " answered null instead of a stage");
        }
        // a dependent stage, so the timeout does not complete the route's own future
        CompletableFuture<RouteResponse> answer = stage.toCompletableFuture().thenApply(response -> response)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((response, failure) -> {
            if (failure instanceof TimeoutException) {
                responses.error(ctx, new GatewayError(504, "timeout", "the route did not answer within " + timeout.toMillis() + " ms"));
            } else if (failure != null) {
                responses.error(ctx, failure);
            } else if (response == null) {
                responses.error(ctx, new IllegalStateException("the route for " + ctx.path() + " completed with no response"));
            } else {
                responses.write(ctx, response.status(), response.body());
            }
        });
    }
}
