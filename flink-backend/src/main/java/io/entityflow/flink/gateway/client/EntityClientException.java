package io.entityflow.flink.gateway.client;

/**
 * An error answer of the gateway ({@code {"error":{"code","message"[,"type"]}}}), or a failure to reach it
 * (status 0, code {@code unreachable}).
 */
public final class EntityClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String type;

    public EntityClientException(int status, String code, String type, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.type = type;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The gateway's error code: {@code unknown_key}, {@code bad_argument}, {@code entity_exception}... */
    public String code() {
        return code;
    }

    /** For failures of entity code, the class name of the exception it threw; otherwise null. */
    public String type() {
        return type;
    }

    @Override
    public String toString() {
        return "EntityClientException[" + status + " " + code + (type == null ? "" : " " + type) + ": " + getMessage() + "]";
    }
}
