package io.entityflow.api;

/**
 * entityflow itself failed while handling a request — not the entity's code: a value that cannot be
 * serialised, a bug in generated code or in the runtime. That request fails (and its transaction rolls
 * back); every other request and the job go on. The message names the request and the entity; the job's
 * log has the details.
 */
public class InternalFailureException extends EntityException {
    private static final long serialVersionUID = 1L;

    public InternalFailureException(String message) {
        super(message);
    }
}
