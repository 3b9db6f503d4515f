package io.entityflow.api;

/**
 * A call reached an entity that does not exist (never created, or a reference to a key nobody created).
 * Thrown at the caller like any exception of the callee, so entity code may catch it.
 */
public class NoSuchEntityException extends EntityException {
    private static final long serialVersionUID = 1L;

    public NoSuchEntityException(String message) {
        super(message);
    }
}
