package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;

import java.util.Set;

/** Recognises calls by the way they are written ({@code Thread.sleep}, {@code new Random()}), cheaply and without the solver. */
final class CallPatterns {
    private CallPatterns() {
    }

    static boolean matches(MethodCallExpr call, Set<String> qualifiedCalls) {
        String scope = call.getScope().map(Object::toString).orElse("");
        String written = scope.isEmpty() ? call.getNameAsString() : scope + "." + call.getNameAsString();
        if (qualifiedCalls.contains(written)) {
            return true;
        }
        int dot = scope.lastIndexOf('.');
        String lastScope = dot < 0 ? scope : scope.substring(dot + 1);
        return qualifiedCalls.contains(lastScope + "." + call.getNameAsString());
    }

    static boolean creates(ObjectCreationExpr creation, Set<String> types) {
        return types.contains(creation.getType().getNameAsString());
    }
}
