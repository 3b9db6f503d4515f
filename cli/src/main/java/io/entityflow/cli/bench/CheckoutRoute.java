package io.entityflow.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /orders/checkout/{order_id}} of the WDM course's HTTP API, called the way the course's clients
 * call it: a bare POST, 2xx = checked out, 4xx = refused (and nothing changed), anything else an error.
 */
final class CheckoutRoute {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    CheckoutRoute(URI base) {
        this.base = base;
    }

    /** Completes normally when the order was checked out, with a refused {@link Caller.FailedOperation} on a 4xx. */
    CompletableFuture<Object> checkout(int order) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/orders/checkout/" + order))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                throw new Caller.FailedOperation("no answer from " + request.uri() + ": " + cause, cause);
            }
            int status = answer.statusCode();
            if (status >= 200 && status < 300) {
                return null;
            }
            throw new Caller.FailedOperation("POST " + request.uri() + " answered " + status + ": " + answer.body(), null,
                    status >= 400 && status < 500);
        });
    }
}
