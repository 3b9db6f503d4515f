package io.entityflow.flink.envelope;

import java.util.UUID;

/**
 * Request ids: a client's idempotency key, or one the engine makes for a request that came without.
 * Made ids start with {@value #GENERATED_PREFIX} (clients may not use it): nobody can retry them, so the
 * engine does not record their results.
 */
public final class RequestIds {
    public static final String GENERATED_PREFIX = "$";

    private RequestIds() {
    }

    public static String generate() {
        return GENERATED_PREFIX + UUID.randomUUID();
    }

    /** True for an idempotency key a client chose, whose result is recorded for its retries. */
    public static boolean isIdempotencyKey(String requestId) {
        return !requestId.startsWith(GENERATED_PREFIX);
    }
}
