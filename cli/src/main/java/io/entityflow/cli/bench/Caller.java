package io.entityflow.cli.bench;

import io.entityflow.ir.runtime.EntityRef;

import java.util.concurrent.CompletableFuture;

/**
 * Sends creates and calls to a running program and gives back the results as plain Java values
 * ({@code Long}, {@code String}, {@code null} for void). A failed operation completes the future
 * exceptionally with a {@link FailedOperation}. Arguments of an entity type are {@link EntityRef}s.
 */
interface Caller {
    CompletableFuture<Object> create(String type, Object... args);

    CompletableFuture<Object> call(EntityRef target, String method, Object... args);

    /** An operation the program answered with an error (or that got no answer). */
    final class FailedOperation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean refused;

        FailedOperation(String message, Throwable cause) {
            this(message, cause, false);
        }

        /** @param refused the program answered, and its code refused the operation (an exception of entity code, a 4xx) */
        FailedOperation(String message, Throwable cause, boolean refused) {
            super(message, cause);
            this.refused = refused;
        }

        /**
         * Whether the program's code refused the operation, so that it had no effect; otherwise its outcome is
         * unknown (no answer, an engine error).
         */
        boolean refused() {
            return refused;
        }
    }
}
