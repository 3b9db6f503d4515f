package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.FieldModel;
import io.entityflow.ir.model.MethodModel;

import java.util.Optional;

/** EF104: another entity's state lives on another worker; it is read by calling one of its methods. */
public final class ForeignFieldRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (FieldAccessExpr access : entity.declaration().findAll(FieldAccessExpr.class)) {
            if (access.getScope() instanceof ThisExpr || isPartOfQualifiedName(access)) {
                continue;
            }
            String fieldName = access.getNameAsString();
            boolean someEntityHasIt = context.program().entities().stream().anyMatch(e -> e.field(fieldName).isPresent());
            if (!someEntityHasIt) {
                continue;
            }
            Optional<EntityModel> owner = context.calls().entityTypeOf(access.getScope());
            if (owner.isEmpty() || owner.get().field(fieldName).isEmpty()) {
                continue;
            }
            FieldModel field = owner.get().field(fieldName).get();
            Optional<MethodModel> getter = getterOf(owner.get(), fieldName);
            String instead = getter.map(g -> "call `" + access.getScope() + "." + g.name() + "()` instead")
                    .orElse("add a getter to `" + owner.get().name() + "` and call it");
            context.report(Code.EF104, entity, access, "`" + access + "` reads a field of entity `" + owner.get().name()
                    + "` directly: its state lives with that entity, possibly on another worker; " + instead,
                    new io.entityflow.ir.diag.RelatedLocation(owner.get().file(),
                            io.entityflow.ir.diag.SourceRange.of(field.declarator()), "the field"));
        }
    }

    /** The public method that reads a field: {@code getX()}, {@code isX()} or {@code x()}, if the entity has one. */
    public static Optional<MethodModel> getterOf(EntityModel owner, String fieldName) {
        return owner.methods().stream()
                .filter(m -> m.isPublic() && m.parameters().isEmpty() && !m.isVoid()
                        && (m.name().equalsIgnoreCase("get" + fieldName) || m.name().equalsIgnoreCase("is" + fieldName)
                        || m.name().equals(fieldName)))
                .findFirst();
    }

    private static boolean isPartOfQualifiedName(FieldAccessExpr access) {
        return access.getParentNode().filter(p -> p instanceof FieldAccessExpr).isPresent()
                && access.getScope() instanceof FieldAccessExpr;
    }
}
