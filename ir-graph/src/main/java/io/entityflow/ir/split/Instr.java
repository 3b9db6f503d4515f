package io.entityflow.ir.split;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.Statement;
import io.entityflow.ir.diag.SourceRange;

/** A straight-line step of a basic block. Expressions and statements are renamed clones, ready to print. */
public sealed interface Instr {
    SourceRange range();

    /** {@code target = value}: the only form that kills the target for liveness. */
    record Assign(Var target, Expression value, SourceRange range) implements Instr {
    }

    /** An expression evaluated for its effect. */
    record Eval(Expression expression, SourceRange range) implements Instr {
    }

    /** A whole statement without split points or jumps out of it, emitted as written. */
    record Verbatim(Statement statement, SourceRange range) implements Instr {
    }

    /** First step of a continuation: the callee's result into {@code target} (null for void), or its exception rethrown. */
    record Resume(Var target, SourceRange range) implements Instr {
    }
}
