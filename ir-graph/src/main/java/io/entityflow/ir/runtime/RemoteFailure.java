package io.entityflow.ir.runtime;

import io.entityflow.api.EntityException;

import java.lang.reflect.Constructor;

/**
 * An exception that escaped a callee, as it travels back to the caller: its class name and message.
 * At the caller it is turned back into an exception of the same class where that class can be made
 * from a message, so that {@code catch} clauses in the caller see what a local call would have thrown.
 */
public record RemoteFailure(String exceptionType, String message) {

    public static RemoteFailure of(Throwable t) {
        return new RemoteFailure(t.getClass().getName(), t.getMessage());
    }

    public Throwable toThrowable(ClassLoader loader) {
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
}
