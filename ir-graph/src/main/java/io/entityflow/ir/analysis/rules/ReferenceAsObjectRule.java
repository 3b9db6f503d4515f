package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * EF114: an entity reference used as if it were the entity object. In split code a value of an entity
 * type is a reference (type and key); its implicit string conversion and its class are the reference's,
 * where plain Java would call the entity's own {@code toString()} or give the entity's class.
 *
 * <p>Only variables declared with an entity type are candidates (looked up by name first, then typed by
 * the solver): typing every operand of every {@code +} would cost the solver quadratic time on long
 * expressions. An entity-typed operand of {@code +} can only be string concatenation.
 */
public final class ReferenceAsObjectRule implements Rule {
    /** Calls that turn their argument into text with its toString(). */
    private static final Set<String> STRING_CONVERSIONS = Set.of("valueOf", "append", "print", "println", "format",
            "formatted", "insert", "toString", "join");

    @Override
    public void check(EntityModel entity, RuleContext context) {
        Set<String> candidates = entityTypedNames(entity, context);
        if (candidates.isEmpty()) {
            return;
        }
        for (BinaryExpr binary : entity.declaration().findAll(BinaryExpr.class)) {
            if (binary.getOperator() == BinaryExpr.Operator.PLUS) {
                reportConversion(entity, context, candidates, binary.getLeft());
                reportConversion(entity, context, candidates, binary.getRight());
            }
        }
        for (AssignExpr assign : entity.declaration().findAll(AssignExpr.class)) {
            if (assign.getOperator() == AssignExpr.Operator.PLUS) {
                reportConversion(entity, context, candidates, assign.getValue());
            }
        }
        for (MethodCallExpr call : entity.declaration().findAll(MethodCallExpr.class)) {
            if (call.getNameAsString().equals("getClass") && call.getArguments().isEmpty()) {
                call.getScope().filter(scope -> referenced(context, candidates, scope).isPresent())
                        .ifPresent(scope -> context.report(Code.EF114, entity, call, "`" + call + "` is the class of the"
                                + " reference to an entity, not of the entity; compare references (`a == b`) instead, or"
                                + " call a method of the entity that says what it is"));
            } else if (STRING_CONVERSIONS.contains(call.getNameAsString()) && !call.getArguments().isEmpty()
                    && call.getScope().filter(scope -> referenced(context, candidates, scope).isEmpty()).isPresent()) {
                call.getArguments().forEach(argument -> reportConversion(entity, context, candidates, argument));
            }
        }
    }

    private static void reportConversion(EntityModel entity, RuleContext context, Set<String> candidates, Expression operand) {
        referenced(context, candidates, operand).ifPresent(target -> context.report(Code.EF114, entity, operand,
                "`" + operand + "` is turned into text: that would be the text of the reference to entity `"
                        + target.name() + "`, not what its toString() says; call a method of `" + target.name()
                        + "` that returns the text (a remote call), e.g. `" + operand + "."
                        + (target.methods("toString").isEmpty() ? "getName" : "toString") + "()`"));
    }

    /** The entity a candidate variable (a name declared with an entity type) refers to. */
    private static Optional<EntityModel> referenced(RuleContext context, Set<String> candidates, Expression expression) {
        while (expression instanceof EnclosedExpr enclosed) {
            expression = enclosed.getInner();
        }
        String name = expression instanceof NameExpr n ? n.getNameAsString()
                : expression instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr ? f.getNameAsString() : null;
        if (name == null || !candidates.contains(name)) {
            return Optional.empty(); // `this` inside its own entity is the object itself
        }
        return context.calls().entityTypeOf(expression);
    }

    /** Names of fields, parameters and locals declared with an entity type (or `var`) in the entity's class. */
    private static Set<String> entityTypedNames(EntityModel entity, RuleContext context) {
        Set<String> names = new HashSet<>();
        for (VariableDeclarator variable : entity.declaration().findAll(VariableDeclarator.class)) {
            if (variable.getType().isVarType() || variable.getType() instanceof ClassOrInterfaceType type
                    && context.program().entityNamed(type).isPresent()) {
                names.add(variable.getNameAsString());
            }
        }
        for (Parameter parameter : entity.declaration().findAll(Parameter.class)) {
            if (parameter.getType().isUnknownType() || parameter.getType().isVarType()
                    || parameter.getType() instanceof ClassOrInterfaceType type && context.program().entityNamed(type).isPresent()) {
                names.add(parameter.getNameAsString());
            }
        }
        return names;
    }
}
