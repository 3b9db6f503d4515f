package io.entityflow.flink.gateway;

import io.entityflow.flink.envelope.Envelope;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Submits each request id once while it is in flight: a client that retries with the same
 * {@code Idempotency-Key} before the first attempt has been answered shares that attempt's response. (The
 * runtime deduplicates ids too, but the job's response queue keeps one waiter per id, so a second
 * submission would leave the first waiter unanswered.) An attempt stops being in flight when it is
 * answered or times out; a retry after that is submitted again, and the runtime answers it.
 */
final class InFlightRequests {
    private final RequestSubmitter submitter;
    private final Map<String, CompletableFuture<Envelope>> inFlight = new ConcurrentHashMap<>();

    InFlightRequests(RequestSubmitter submitter) {
        this.submitter = submitter;
    }

    /** The response, failing with a {@link java.util.concurrent.TimeoutException} after {@code timeout}. */
    CompletableFuture<Envelope> submit(Envelope request, Duration timeout) {
        String id = request.requestId();
        CompletableFuture<Envelope> response = new CompletableFuture<>();
        CompletableFuture<Envelope> earlier = inFlight.putIfAbsent(id, response);
        if (earlier != null) {
            return earlier;
        }
        response.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((answer, failure) -> inFlight.remove(id, response));
        try {
            submitter.submit(request).whenComplete((answer, failure) -> {
                if (failure != null) {
                    response.completeExceptionally(failure);
                } else {
                    response.complete(answer);
                }
            });
        } catch (RuntimeException refused) {
            response.completeExceptionally(refused);
            throw refused;
        }
        return response;
    }
}
