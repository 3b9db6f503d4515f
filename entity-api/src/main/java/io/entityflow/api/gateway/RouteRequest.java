package io.entityflow.api.gateway;

import java.util.Optional;

/** One HTTP request to a contributed route. */
public interface RouteRequest {

    /** {@code GET} or {@code POST}. */
    String method();

    String path();

    /** The value of {@code {name}} in the route's path, percent-decoded ({@code +} stays {@code +}); {@code "{name}"} works too. */
    String pathParam(String name);

    Optional<String> queryParam(String name);

    Optional<String> header(String name);

    /**
     * The body as UTF-8 text; empty when there is none. Bodies above the gateway's limit never get here (413).
     * (Parse JSON bodies with the library of your choice; this API stays free of dependencies.)
     */
    String body();

    /** The request's {@code Idempotency-Key} header, if it has one. */
    Optional<String> idempotencyKey();

    /**
     * The entities, with request ids derived from this request's {@code Idempotency-Key}: the n-th
     * operation started through this handle gets id {@code <key>#n}, so a retried request (same key) whose
     * handler starts the same operations in the same order repeats none of their effects. Without the
     * header every operation gets a fresh id.
     */
    Entities entities();
}
