package io.entityflow.ir.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.UnknownType;
import com.github.javaparser.ast.type.VarType;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;

import java.util.List;
import java.util.Optional;

/**
 * The type of a lambda parameter whose type Java infers ({@code b -> b.ping()}, {@code (var b) -> ...}),
 * where the symbol solver gives up: taken from what the lambda is passed to — a method of an
 * {@code Iterable}, {@code Stream} or {@code Optional} of X gets X, {@code Map<K, V>.forEach} gets K and V.
 * Without it, a remote call in such a lambda would pass as a local one.
 */
final class LambdaParameters {
    private static final List<String> ELEMENT_HOLDERS = List.of("java.lang.Iterable", "java.util.stream.Stream",
            "java.util.Optional", "java.util.Iterator");

    private LambdaParameters() {
    }

    /** The qualified type name of {@code expression} when it names an inferred-type lambda parameter. */
    static Optional<String> inferredType(Expression expression) {
        if (!(expression instanceof NameExpr name)) {
            return Optional.empty();
        }
        String identifier = name.getNameAsString();
        for (Node node = name.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof LambdaExpr lambda) {
                List<Parameter> parameters = lambda.getParameters();
                for (int i = 0; i < parameters.size(); i++) {
                    Parameter parameter = parameters.get(i);
                    if (parameter.getNameAsString().equals(identifier)) {
                        boolean inferred = parameter.getType() instanceof UnknownType || parameter.getType() instanceof VarType;
                        return inferred ? fromTarget(lambda, i, parameters.size()) : Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromTarget(LambdaExpr lambda, int index, int arity) {
        if (!(lambda.getParentNode().orElse(null) instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return Optional.empty();
        }
        Expression scope = call.getScope().get();
        Optional<ResolvedType> scopeType = TypeNames.typeOf(scope);
        if (scopeType.isEmpty() || !scopeType.get().isReferenceType()) {
            // a lambda inside a lambda: its scope may itself be an inferred parameter, with no generic arguments known
            return Optional.empty();
        }
        ResolvedReferenceType type = scopeType.get().asReferenceType();
        try {
            if (arity == 2) {
                return viewAs(type, "java.util.Map").flatMap(map -> typeArgument(map, index));
            }
            if (arity == 1) {
                for (String holder : ELEMENT_HOLDERS) {
                    Optional<ResolvedReferenceType> view = viewAs(type, holder);
                    if (view.isPresent()) {
                        return typeArgument(view.get(), 0);
                    }
                }
            }
        } catch (RuntimeException unresolvable) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code type} seen as {@code qualifiedName} (itself or the ancestor of that name), with its type arguments. */
    private static Optional<ResolvedReferenceType> viewAs(ResolvedReferenceType type, String qualifiedName) {
        return type.getQualifiedName().equals(qualifiedName) ? Optional.of(type)
                : type.getAllAncestors().stream().filter(a -> a.getQualifiedName().equals(qualifiedName)).findFirst();
    }

    private static Optional<String> typeArgument(ResolvedReferenceType view, int index) {
        List<ResolvedType> arguments = view.typeParametersValues();
        if (index >= arguments.size()) {
            return Optional.empty();
        }
        ResolvedType argument = arguments.get(index);
        if (argument.isWildcard() && argument.asWildcard().isBounded()) {
            argument = argument.asWildcard().getBoundedType();
        }
        return TypeNames.qualifiedName(argument);
    }
}
