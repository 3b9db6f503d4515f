package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.Entities;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.api.gateway.RouteHandler;
import io.entityflow.api.gateway.RouteResponse;
import io.javalin.http.Context;

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
    private final ObjectMapper mapper;
    private final JsonResponses responses;
    private final long maxBodyBytes;
    private final Duration timeout;
    private final Function<String, Entities> entitiesFor;

    ContributedRoute(RouteHandler handler, ObjectMapper mapper, JsonResponses responses, long maxBodyBytes, Duration timeout,
                     Function<String, Entities> entitiesFor) {
        this.handler = handler;
        this.mapper = mapper;
        this.responses = responses;
        this.maxBodyBytes = maxBodyBytes;
        this.timeout = timeout;
        this.entitiesFor = entitiesFor;
    }

    /** @param pattern the route's declared path; {@code params} its parameters as the request's path gave them */
    void handle(Context ctx, String pattern, Map<String, String> params) throws Exception {
        CompletionStage<RouteResponse> stage = handler.handle(new JavalinRouteRequest(ctx, pattern, params, mapper, maxBodyBytes, entitiesFor));
        if (stage == null) {
            throw new IllegalStateException("the route for " + ctx.method() + " " + ctx.path() + " answered null instead of a stage");
        }
        // a dependent stage, so the timeout does not complete the route's own future
        CompletableFuture<RouteResponse> answer = stage.toCompletableFuture().thenApply(response -> response)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.future(() -> answer.handle((response, failure) -> {
            if (failure instanceof TimeoutException) {
                responses.error(ctx, new GatewayError(504, "timeout", "the route did not answer within " + timeout.toMillis() + " ms"));
            } else if (failure != null) {
                responses.error(ctx, failure);
            } else if (response == null) {
                responses.error(ctx, new IllegalStateException("the route for " + ctx.path() + " completed with no response"));
            } else {
                responses.write(ctx, response.status(), response.body());
            }
            return null;
        }));
    }
}
