package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.Annotations;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.FieldModel;

import java.util.List;
import java.util.Set;

/** EF107: exactly one {@code @Key} field, of type String, int or long, set by every constructor, never reassigned. */
public final class KeyRule implements Rule {
    private static final Set<String> KEY_TYPES = Set.of("String", "java.lang.String", "int", "long", "Integer", "Long",
            "java.lang.Integer", "java.lang.Long");

    @Override
    public void check(EntityModel entity, RuleContext context) {
        if (entity.declaration().isInterface()) {
            return; // EF113 says an interface cannot be an entity; a missing key would only add noise
        }
        List<FieldDeclaration> keyFields = entity.declaration().getFields().stream()
                .filter(f -> Annotations.has(f, "Key")).toList();
        if (keyFields.isEmpty()) {
            context.report(Code.EF107, entity, entity.declaration().getName(), "entity `" + entity.name()
                    + "` has no @Key field: mark the field that identifies it, e.g. `@Key private String id;`");
            return;
        }
        FieldDeclaration first = keyFields.get(0);
        for (FieldDeclaration duplicate : keyFields.subList(1, keyFields.size())) {
            context.report(Code.EF107, entity, annotation(duplicate), "entity `" + entity.name()
                    + "` has more than one @Key field: an entity has exactly one key; remove this @Key",
                    context.related(entity, first, "the first @Key field"));
        }
        if (first.getVariables().size() > 1 || first.isStatic()) {
            context.report(Code.EF107, entity, annotation(first),
                    "@Key must mark exactly one instance field: declare the key field on its own, without static");
            return;
        }
        String type = first.getElementType().asString();
        if (!KEY_TYPES.contains(type)) {
            context.report(Code.EF107, entity, first.getElementType(), "a key of type `" + type
                    + "` is not supported: use String, int or long");
        }
        FieldModel key = entity.key().orElseThrow();
        String name = key.name();
        for (ConstructorDeclaration constructor : entity.declaration().getConstructors()) {
            boolean assigns = constructor.findAll(AssignExpr.class).stream().anyMatch(a -> targets(a.getTarget(), name));
            boolean delegates = constructor.getBody().getStatements().stream().anyMatch(s -> s.isExplicitConstructorInvocationStmt()
                    && s.asExplicitConstructorInvocationStmt().isThis());
            if (!assigns && !delegates && first.getVariables().get(0).getInitializer().isEmpty()) {
                context.report(Code.EF107, entity, constructor.getName(), "this constructor does not set the key `" + name
                        + "`: every entity needs its key when it is created; assign `this." + name + "` here",
                        context.related(entity, first, "the @Key field"));
            }
        }
        if (entity.declaration().getConstructors().isEmpty() && first.getVariables().get(0).getInitializer().isEmpty()) {
            context.report(Code.EF107, entity, entity.declaration().getName(), "entity `" + entity.name()
                    + "` has no constructor, so its key `" + name + "` is never set: add a constructor that takes the key",
                    context.related(entity, first, "the @Key field"));
        }
        entity.declaration().getMethods().forEach(method -> {
            method.findAll(AssignExpr.class).stream().filter(a -> targets(a.getTarget(), name)).forEach(a ->
                    context.report(Code.EF107, entity, a, "the key `" + name + "` is reassigned: an entity's key"
                            + " never changes; create a new entity with the new key instead",
                            context.related(entity, first, "the @Key field")));
            method.findAll(UnaryExpr.class).stream()
                    .filter(u -> u.getOperator().name().contains("CREMENT") && targets(u.getExpression(), name)).forEach(u ->
                    context.report(Code.EF107, entity, u, "the key `" + name + "` is changed: an entity's key never changes",
                            context.related(entity, first, "the @Key field")));
        });
    }

    private static AnnotationExpr annotation(FieldDeclaration field) {
        return field.getAnnotations().stream().filter(a -> a.getNameAsString().endsWith("Key")).findFirst().orElseThrow();
    }

    private static boolean targets(Expression target, String field) {
        if (target instanceof FieldAccessExpr access) {
            return access.getScope() instanceof ThisExpr && access.getNameAsString().equals(field);
        }
        if (target instanceof NameExpr name && name.getNameAsString().equals(field)) {
            // a local or parameter of the same name shadows the field
            return target.findAncestor(com.github.javaparser.ast.body.CallableDeclaration.class)
                    .map(c -> c.findAll(com.github.javaparser.ast.body.VariableDeclarator.class).stream()
                            .noneMatch(v -> v.getNameAsString().equals(field))
                            && ((com.github.javaparser.ast.body.CallableDeclaration<?>) c).getParameters().stream()
                            .noneMatch(p -> p.getNameAsString().equals(field)))
                    .orElse(true);
        }
        return false;
    }
}
