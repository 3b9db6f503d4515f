package io.entityflow.api.gateway;

/**
 * An entity call or create that failed in the entity job: the callee threw {@link #exceptionType()} with
 * {@link #getMessage()}, or the runtime refused it (no such entity, key already taken, transaction aborted after too many conflicts). Its status is the
 * one the HTTP API answers with, so a route that lets it escape gives its client the same error.
 */
public final class EntityFailureException extends GatewayError {
    private static final long serialVersionUID = 1L;
    private static final String NO_SUCH_ENTITY = "io.entityflow.api.NoSuchEntityException";
    private static final String ENTITY_EXISTS = "io.entityflow.api.EntityExistsException";
    private static final String TRANSACTION_ABORTED = "io.entityflow.api.TransactionAbortedException";
    private static final String INTERNAL = "io.entityflow.api.InternalFailureException";

    public EntityFailureException(String exceptionType, String message) {
        super(statusOf(exceptionType), codeOf(exceptionType), message == null ? exceptionType : message, exceptionType);
    }

    /** The class name of the exception the entity (or the runtime on its behalf) threw. */
    public String exceptionType() {
        return type();
    }

    private static int statusOf(String exceptionType) {
        return switch (exceptionType) {
            case NO_SUCH_ENTITY -> 404;
            case ENTITY_EXISTS, TRANSACTION_ABORTED -> 409;
            case INTERNAL -> 500;
            default -> 422;
        };
    }

    private static String codeOf(String exceptionType) {
        return switch (exceptionType) {
            case NO_SUCH_ENTITY -> "unknown_key";
            case ENTITY_EXISTS -> "entity_exists";
            case TRANSACTION_ABORTED -> "transaction_aborted";
            case INTERNAL -> "internal_error";
            default -> "entity_exception";
        };
    }
}
