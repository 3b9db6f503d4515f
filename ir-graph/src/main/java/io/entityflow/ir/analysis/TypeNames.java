package io.entityflow.ir.analysis;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.resolution.types.ResolvedType;

import java.util.Optional;

/** Symbol-solver look-ups that fail soft: an unresolvable expression yields empty, never an exception. */
public final class TypeNames {
    private TypeNames() {
    }

    public static Optional<ResolvedType> typeOf(Expression expression) {
        try {
            return Optional.of(expression.calculateResolvedType());
        } catch (RuntimeException | StackOverflowError e) {
            // UnsolvedSymbolException, UnsupportedOperationException, IllegalStateException...: the solver
            // has many ways to give up; all of them mean "unknown" here.
            return Optional.empty();
        }
    }

    /** Like {@link #typeOf} then {@link #qualifiedName}, but lets a stack overflow through for the caller to report. */
    static Optional<String> qualifiedNameOrThrow(Expression expression) {
        try {
            return qualifiedName(expression.calculateResolvedType());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The qualified name of a reference type, or empty for primitives, arrays and unknowns. */
    public static Optional<String> qualifiedName(ResolvedType type) {
        try {
            return type.isReferenceType() ? Optional.of(type.asReferenceType().getQualifiedName()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
