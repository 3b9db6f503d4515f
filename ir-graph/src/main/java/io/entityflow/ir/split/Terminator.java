package io.entityflow.ir.split;

import com.github.javaparser.ast.expr.Expression;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.diag.SourceRange;

import java.util.List;

/** How a basic block ends. */
public sealed interface Terminator {
    SourceRange range();

    record Goto(int target, SourceRange range) implements Terminator {
    }

    record Branch(Expression condition, int whenTrue, int whenFalse, SourceRange range) implements Terminator {
    }

    /** A multi-way branch emitted as a Java {@code switch}, so string, enum and int labels keep their meaning. */
    record Switch(Expression selector, List<Arm> arms, int otherwise, SourceRange range) implements Terminator {
        public record Arm(List<Expression> labels, int target) {
        }
    }

    record Return(Expression value, SourceRange range) implements Terminator {
    }

    record Throw(Expression exception, SourceRange range) implements Terminator {
    }

    /**
     * A split point: a remote call or create ({@code receiver} null for create), or a suspending local
     * call on {@code this} ({@code receiver} null too). The method resumes at {@code continuation}.
     */
    record Call(CallSite site, Expression receiver, List<Expression> arguments, int continuation,
                SourceRange range) implements Terminator {
    }
}
