package io.entityflow.ir.runtime;

import io.entityflow.api.EntityException;

import java.lang.reflect.Constructor;
import java.util.Objects;

/**
 * An exception that escaped a callee, as it travels back to the caller: its class name, its message and,
 * when it was thrown by code (not made up by the runtime), the exception itself. The serialised form
 * carries the exception as a value — its class, message, cause, suppressed exceptions and the fields of
 * the program's own exception classes — so the caller's {@code catch} clauses see what a local call
 * would have thrown. Clients see the class name and message.
 *
 * @param thrown the exception, or null for a failure the runtime reports (no such entity, aborted, ...)
 */
public record RemoteFailure(String exceptionType, String message, Throwable thrown) {

    public RemoteFailure(String exceptionType, String message) {
        this(exceptionType, message, null);
    }

    public RemoteFailure {
        Objects.requireNonNull(exceptionType, "exceptionType");
    }

    public static RemoteFailure of(Throwable t) {
        return new RemoteFailure(t.getClass().getName(), messageOf(t), t);
    }

    /** The message, also of an exception whose own getMessage() throws (user code): then its class's name says it. */
    private static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | LinkageError | StackOverflowError broken) {
            return "(its getMessage() threw " + broken.getClass().getName() + ")";
        }
    }

    public Throwable toThrowable(ClassLoader loader) {
        if (thrown != null) {
            return thrown;
        }
        try {
            Class<?> type = Class.forName(exceptionType, false, loader);
            if (Throwable.class.isAssignableFrom(type)) {
                try {
                    Constructor<?> withMessage = type.getConstructor(String.class);
                    return (Throwable) withMessage.newInstance(message);
                } catch (NoSuchMethodException noMessageConstructor) {
                    if (message == null) {
                        return (Throwable) type.getConstructor().newInstance();
                    }
                }
            }
        } catch (ReflectiveOperationException | LinkageError ignored) {
            // fall through: keep type and message in an EntityException
        }
        return new EntityException(exceptionType + (message == null ? "" : ": " + message));
    }

    /** Failures are equal by class name and message (exceptions themselves compare by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteFailure f && exceptionType.equals(f.exceptionType) && Objects.equals(message, f.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(exceptionType, message);
    }

    @Override
    public String toString() {
        return "RemoteFailure[" + exceptionType + (message == null ? "" : ": " + message) + "]";
    }
}
