package io.entityflow.ir.split;

import java.util.List;

/**
 * The exception handlers around a basic block, innermost first: the catch clauses of a try statement
 * and, when it has a {@code finally}, a catch-all that runs the finally code and rethrows.
 */
public record HandlerScope(HandlerScope outer, List<CatchArm> arms, Integer finallyBlock, Var finallyException) {

    public record CatchArm(List<String> exceptionTypes, Var variable, int target) {
    }

    public boolean hasFinally() {
        return finallyBlock != null;
    }
}
