package io.entityflow.ir.runtime;

import java.util.Arrays;

/**
 * What one run of a block of split code ends with: the method's result, or a call (or create) on
 * another entity after which the method resumes at {@code resumeBlock} with the saved {@code frame}.
 */
public sealed interface Step {

    record Done(Object value) implements Step {
    }

    record Call(EntityRef target, String method, Object[] args, int resumeBlock, Object[] frame) implements Step {
        @Override
        public String toString() {
            return "Call[" + target + "." + method + Arrays.toString(args) + " -> block " + resumeBlock + "]";
        }
    }

    record Create(String entityType, Object[] args, int resumeBlock, Object[] frame) implements Step {
        @Override
        public String toString() {
            return "Create[" + entityType + Arrays.toString(args) + " -> block " + resumeBlock + "]";
        }
    }

    static Step done(Object value) {
        return new Done(value);
    }

    static Step call(EntityRef target, String method, Object[] args, int resumeBlock, Object[] frame) {
        if (target == null) {
            throw new NullPointerException("Cannot invoke \"" + method + "\" because the entity reference is null");
        }
        return new Call(target, method, args, resumeBlock, frame);
    }

    static Step create(String entityType, Object[] args, int resumeBlock, Object[] frame) {
        return new Create(entityType, args, resumeBlock, frame);
    }

    /**
     * The value a callee returned to a resumed block; a {@link RemoteFailure} is rethrown here, inside
     * the caller's try blocks, as the exception the callee threw.
     */
    static Object result(Object input, Class<?> caller) throws Throwable {
        if (input instanceof RemoteFailure failure) {
            throw failure.toThrowable(caller.getClassLoader());
        }
        return input;
    }
}
