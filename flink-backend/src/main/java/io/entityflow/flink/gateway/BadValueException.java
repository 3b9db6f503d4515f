package io.entityflow.flink.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A JSON value that does not fit the declared type. Thrown by the innermost {@link ValueShape}; each
 * enclosing list, map or record adds its step to {@link #where()}, so the message can point at
 * {@code [2].item} inside an argument. Expected on bad input, so it carries no stack trace.
 */
final class BadValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Deque<String> path = new ArrayDeque<>();

    BadValueException(String problem) {
        super(problem, null, false, false);
    }

    /** Prepends a step: {@code "[3]"} for an element, {@code ".name"} for a field or map entry. */
    BadValueException at(String step) {
        path.addFirst(step);
        return this;
    }

    /** Where inside the value the problem is, e.g. {@code [0].item}; empty for the value itself. */
    String where() {
        String joined = String.join("", path);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    String problem() {
        return getMessage();
    }
}
