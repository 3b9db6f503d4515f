package io.entityflow.api;

/**
 * An exception an entity method throws to refuse a call (for example "insufficient stock"). It aborts
 * the call, and the transaction it belongs to, and reaches the client with its message.
 */
public class EntityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EntityException(String message) {
        super(message);
    }

    public EntityException(String message, Throwable cause) {
        super(message, cause);
    }
}
