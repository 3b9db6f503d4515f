package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import io.entityflow.ir.model.EntityModel;

import java.util.Optional;

/** Whether an expression names a state field of the entity ({@code f} not shadowed by a local, or {@code this.f}). */
final class Fields {
    private Fields() {
    }

    static Optional<String> stateField(Expression expression, EntityModel entity) {
        if (expression instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            return entity.field(access.getNameAsString()).map(f -> f.name());
        }
        if (expression instanceof NameExpr name && entity.field(name.getNameAsString()).isPresent()) {
            String identifier = name.getNameAsString();
            Optional<CallableDeclaration> callable = name.findAncestor(CallableDeclaration.class);
            boolean shadowed = callable.isPresent() && (callable.get().getParameters().stream()
                    .anyMatch(p -> ((com.github.javaparser.ast.body.Parameter) p).getNameAsString().equals(identifier))
                    || callable.get().findAll(VariableDeclarator.class).stream()
                    .anyMatch(v -> v.getNameAsString().equals(identifier)));
            return shadowed ? Optional.empty() : Optional.of(identifier);
        }
        return Optional.empty();
    }
}
