package io.entityflow.api.gateway;

import java.util.Objects;

/**
 * A request the gateway refuses or could not complete, as the HTTP client will see it: a status, a stable
 * machine-readable code, a message for people and, for failures of entity code, the exception's class.
 * The gateway writes every one as {@code {"error":{"code","message"[,"type"]}}}; routes contributed through
 * {@link GatewayRoutes} may throw it to answer with their own status and code.
 */
public class GatewayError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String type;

    public GatewayError(int status, String code, String message) {
        this(status, code, message, null);
    }

    public GatewayError(int status, String code, String message, String type) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, not " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The class of the exception entity code threw, or null when the gateway itself refused the request. */
    public String type() {
        return type;
    }
}
