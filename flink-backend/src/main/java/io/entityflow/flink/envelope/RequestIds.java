package io.entityflow.flink.envelope;

/**
 * Request ids: a client's idempotency key, or one the engine makes for a request that came without.
 * Made ids start with {@value #GENERATED_PREFIX} (clients may not use it): nobody can retry them, so the
 * engine does not record their results.
 */
public final class RequestIds {
    public static final String GENERATED_PREFIX = "$";
    private static final char GATEWAY_SEPARATOR = ':';

    private RequestIds() {
    }

    public static String generate() {
        return GENERATED_PREFIX + UniqueIds.next();
    }

    /** True for an idempotency key a client chose, whose result is recorded for its retries. */
    public static boolean isIdempotencyKey(String requestId) {
        return !requestId.startsWith(GENERATED_PREFIX, requestId.indexOf(GATEWAY_SEPARATOR) + 1);
    }

    /**
     * The id a request travels under when a gateway in front of a cluster sent it: {@code <gateway>:<id>},
     * so its response goes to that gateway's topic and a retry through the same gateway meets the recorded
     * result. Gateway ids have no ':'; the id after it may.
     */
    public static String viaGateway(String gatewayId, String requestId) {
        if (gatewayId.isEmpty() || gatewayId.indexOf(GATEWAY_SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a gateway id is not empty and has no ':': " + gatewayId);
        }
        return gatewayId + GATEWAY_SEPARATOR + requestId;
    }

    /** The gateway that sent a request ({@link #viaGateway}), or null for one from this JVM. */
    public static String gatewayOf(String requestId) {
        int separator = requestId.indexOf(GATEWAY_SEPARATOR);
        return separator > 0 ? requestId.substring(0, separator) : null;
    }
}
