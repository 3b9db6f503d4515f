package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import io.entityflow.ir.analysis.TypeNames;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

import java.util.Optional;
import java.util.Set;

/**
 * EF114: an entity reference used as if it were the entity object. In split code a value of an entity
 * type is a reference (type and key); its implicit string conversion and its class are the reference's,
 * where plain Java would call the entity's own {@code toString()} or give the entity's class.
 */
public final class ReferenceAsObjectRule implements Rule {
    /** Calls that turn their argument into text with its toString(). */
    private static final Set<String> STRING_CONVERSIONS = Set.of("valueOf", "append", "print", "println", "format",
            "formatted", "insert", "toString", "join");

    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (BinaryExpr binary : entity.declaration().findAll(BinaryExpr.class)) {
            if (binary.getOperator() == BinaryExpr.Operator.PLUS && isString(binary)) {
                reportConversion(entity, context, binary.getLeft());
                reportConversion(entity, context, binary.getRight());
            }
        }
        for (AssignExpr assign : entity.declaration().findAll(AssignExpr.class)) {
            if (assign.getOperator() == AssignExpr.Operator.PLUS && isString(assign.getTarget())) {
                reportConversion(entity, context, assign.getValue());
            }
        }
        for (MethodCallExpr call : entity.declaration().findAll(MethodCallExpr.class)) {
            if (call.getNameAsString().equals("getClass") && call.getArguments().isEmpty()) {
                call.getScope().filter(scope -> !(scope instanceof ThisExpr))
                        .flatMap(scope -> referenced(context, scope).map(target -> scope))
                        .ifPresent(scope -> context.report(Code.EF114, entity, call, "`" + call + "` is the class of the"
                                + " reference to an entity, not of the entity; compare references (`a == b`) instead, or"
                                + " call a method of the entity that says what it is"));
            } else if (STRING_CONVERSIONS.contains(call.getNameAsString()) && call.getScope().isPresent()
                    && referenced(context, call.getScope().get()).isEmpty()) {
                call.getArguments().forEach(argument -> reportConversion(entity, context, argument));
            }
        }
    }

    private static void reportConversion(EntityModel entity, RuleContext context, Expression operand) {
        referenced(context, operand).ifPresent(target -> context.report(Code.EF114, entity, operand,
                "`" + operand + "` is turned into text: that would be the text of the reference to entity `"
                        + target.name() + "`, not what its toString() says; call a method of `" + target.name()
                        + "` that returns the text (a remote call), e.g. `" + operand + "."
                        + (target.methods("toString").isEmpty() ? "getName" : "toString") + "()`"));
    }

    private static Optional<EntityModel> referenced(RuleContext context, Expression expression) {
        if (expression instanceof ThisExpr) {
            return Optional.empty(); // `this` inside its own entity is the object itself
        }
        return context.calls().entityTypeOf(expression);
    }

    private static boolean isString(Expression expression) {
        return TypeNames.typeOf(expression).flatMap(TypeNames::qualifiedName).filter("java.lang.String"::equals).isPresent();
    }
}
