package io.entityflow.api;

/** A create named a key that an existing entity of that type already has; the existing entity is unchanged. */
public class EntityExistsException extends EntityException {
    private static final long serialVersionUID = 1L;

    public EntityExistsException(String message) {
        super(message);
    }
}
