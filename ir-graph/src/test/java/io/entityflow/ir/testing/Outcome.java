package io.entityflow.ir.testing;

import io.entityflow.ir.runtime.RemoteFailure;

import java.util.Objects;

/** What a call produced: a value, or an exception's class name and message. */
public record Outcome(Object value, String exceptionType, String exceptionMessage) {
    public static Outcome value(Object value) {
        return new Outcome(value, null, null);
    }

    public static Outcome failure(String type, String message) {
        return new Outcome(null, type, message);
    }

    /** What a runtime returned to its client: a value, or a {@link RemoteFailure} standing for an exception. */
    public static Outcome returned(Object value) {
        return value instanceof RemoteFailure f ? failure(f.exceptionType(), f.message()) : value(value);
    }

    /** A client-side exception, e.g. from the constructor run to learn a new entity's key. */
    public static Outcome thrown(Throwable t) {
        return failure(t.getClass().getName(), t.getMessage());
    }

    public boolean failed() {
        return exceptionType != null;
    }

    @Override
    public String toString() {
        return failed() ? "threw " + exceptionType + "(" + exceptionMessage + ")" : "returned " + Objects.toString(value);
    }
}
