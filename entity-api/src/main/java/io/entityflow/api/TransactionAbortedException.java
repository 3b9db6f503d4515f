package io.entityflow.api;

/**
 * A {@code @Transactional} call lost conflicts with other transactions more often than it may be retried;
 * nothing it did remains. Safe to retry later.
 */
public class TransactionAbortedException extends EntityException {
    private static final long serialVersionUID = 1L;

    public TransactionAbortedException(String message) {
        super(message);
    }
}
