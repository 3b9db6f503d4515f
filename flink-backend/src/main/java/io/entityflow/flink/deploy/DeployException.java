package io.entityflow.flink.deploy;

/** Deploying, stopping or reaching a job on a cluster failed; the message says what and where, for a user. */
public class DeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
