package io.entityflow.api.gateway;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The program's entities, called in-process from route code. Types are simple or qualified names; keys
 * and arguments are Java values converted as the HTTP API converts their JSON form (an entity parameter
 * takes a key or an {@code EntityRef}), except that a String given for a key, a number, a boolean, an enum
 * or an entity parameter is parsed, as text from a URL is ({@code "12"} for an {@code int}). Invalid requests throw
 * {@link GatewayError} at once and submit nothing; failures in the job complete the future exceptionally
 * with an {@link EntityFailureException} carrying the remote exception's type, or a {@link GatewayError}
 * {@code timeout} (504).
 */
public interface Entities {

    /** Creates an entity; completes with its key (of the key field's type). */
    CompletableFuture<Object> create(String type, Object... args);

    /** Calls a method; completes with its result as the entity returned it (null for void). */
    CompletableFuture<Object> call(String type, Object key, String method, Object... args);

    /** The entity's fields by name, in declaration order. */
    CompletableFuture<Map<String, Object>> state(String type, Object key);
}
