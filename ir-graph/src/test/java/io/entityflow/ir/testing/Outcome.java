package io.entityflow.ir.testing;

import java.util.Objects;

/** What a call produced: a value, or an exception's class name and message. */
public record Outcome(Object value, String exceptionType, String exceptionMessage) {
    public static Outcome value(Object value) {
        return new Outcome(value, null, null);
    }

    public static Outcome failure(String type, String message) {
        return new Outcome(null, type, message);
    }

    public boolean failed() {
        return exceptionType != null;
    }

    @Override
    public String toString() {
        return failed() ? "threw " + exceptionType + "(" + exceptionMessage + ")" : "returned " + Objects.toString(value);
    }
}
