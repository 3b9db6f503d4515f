package io.entityflow.flink.runtime;

/**
 * Reading or writing Flink keyed state failed (an I/O error of the state backend): a genuine task
 * failure, which restarts the job from its last checkpoint — unlike a failure in handling one envelope,
 * which fails that request only ({@link EnvelopeContainment}).
 */
final class StateAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StateAccessException(String what, Exception cause) {
        super("cannot " + what + " in Flink keyed state", cause);
    }
}
