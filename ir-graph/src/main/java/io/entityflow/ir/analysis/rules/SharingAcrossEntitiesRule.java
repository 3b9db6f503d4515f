package io.entityflow.ir.analysis.rules;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * EF204 (warning): code that visibly relies on sharing an object with another entity. Values are copied
 * at entity boundaries, so a collection changed after it was passed to another entity does not change
 * there, and a public method that changes a collection it received changes its own copy only.
 */
public final class SharingAcrossEntitiesRule implements Rule {
    /** Methods that change the collection, map, array-like or builder they are called on. */
    private static final Set<String> MUTATORS = Set.of("add", "addAll", "addFirst", "addLast", "put", "putAll",
            "putIfAbsent", "remove", "removeAll", "removeIf", "retainAll", "clear", "set", "sort", "replaceAll",
            "compute", "computeIfAbsent", "computeIfPresent", "merge", "push", "pop", "poll", "offer", "append",
            "insert", "delete", "deleteCharAt", "setLength", "reverse", "setCharAt");
    private static final Set<String> MUTABLE_TYPES = Set.of("List", "ArrayList", "LinkedList", "Set", "HashSet",
            "LinkedHashSet", "TreeSet", "SortedSet", "Map", "HashMap", "LinkedHashMap", "TreeMap", "SortedMap",
            "Collection", "Deque", "ArrayDeque", "Queue", "StringBuilder");

    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (CallSite site : context.calls().sitesIn(entity.declaration())) {
            if (site.isRemote()) {
                checkChangedAfterPassing(entity, context, site);
            }
        }
        for (MethodModel method : entity.methods()) {
            if (method.isPublic() && !method.isStatic()) {
                checkReceivedAndChanged(entity, context, method.declaration());
            }
        }
    }

    private static void checkChangedAfterPassing(EntityModel entity, RuleContext context, CallSite site) {
        List<Expression> arguments = site.expression() instanceof MethodCallExpr call ? call.getArguments()
                : ((ObjectCreationExpr) site.expression()).getArguments();
        Optional<MethodDeclaration> method = site.expression().findAncestor(MethodDeclaration.class);
        Optional<Position> after = site.expression().getEnd();
        if (method.isEmpty() || after.isEmpty()) {
            return;
        }
        for (Expression argument : arguments) {
            if (!(argument instanceof NameExpr name) || !isMutable(argument)) {
                continue;
            }
            firstChange(method.get(), name.getNameAsString(), after.get()).ifPresent(change -> context.report(Code.EF204,
                    entity, change, "`" + name + "` was passed to `" + site.label() + "` as a copy: values are copied"
                            + " between entities, so this change does not reach `" + site.target().name() + "`; pass the"
                            + " value after changing it, or call `" + site.target().name() + "` to change its own copy",
                    context.related(entity, site.expression(), "the call that copied it")));
        }
    }

    private static void checkReceivedAndChanged(EntityModel entity, RuleContext context, MethodDeclaration method) {
        Optional<Position> start = method.getBody().flatMap(Node::getBegin);
        if (start.isEmpty()) {
            return;
        }
        for (Parameter parameter : method.getParameters()) {
            if (!isMutableType(parameter)) {
                continue;
            }
            firstChange(method, parameter.getNameAsString(), start.get()).ifPresent(change -> context.report(Code.EF204,
                    entity, change, "`" + parameter.getNameAsString() + "` is a copy of what the caller passed: values are"
                            + " copied between entities, so this change stays in `" + entity.name() + "` and the caller"
                            + " does not see it; return the changed value instead",
                    context.related(entity, parameter, "the parameter")));
        }
    }

    /** The first change of the variable {@code name} in {@code method} after {@code after}. */
    private static Optional<Node> firstChange(MethodDeclaration method, String name, Position after) {
        for (Node node : method.findAll(Node.class, n -> n.getBegin().filter(b -> b.isAfter(after)).isPresent())) {
            if (node instanceof MethodCallExpr call && MUTATORS.contains(call.getNameAsString())
                    && call.getScope().filter(s -> s instanceof NameExpr n && n.getNameAsString().equals(name)).isPresent()) {
                return Optional.of(call);
            }
            if (node instanceof AssignExpr assign && assign.getTarget() instanceof ArrayAccessExpr access
                    && access.getName() instanceof NameExpr n && n.getNameAsString().equals(name)) {
                return Optional.of(assign);
            }
        }
        return Optional.empty();
    }

    private static boolean isMutable(Expression expression) {
        return io.entityflow.ir.analysis.TypeNames.typeOf(expression).map(t -> {
            if (t.isArray()) {
                return true;
            }
            String name = io.entityflow.ir.analysis.TypeNames.qualifiedName(t).orElse("");
            return MUTABLE_TYPES.contains(name.substring(name.lastIndexOf('.') + 1));
        }).orElse(false);
    }

    private static boolean isMutableType(Parameter parameter) {
        if (parameter.getType() instanceof ArrayType || parameter.isVarArgs()) {
            return !parameter.isVarArgs(); // varargs arrays are the method's own
        }
        return parameter.getType() instanceof ClassOrInterfaceType type && MUTABLE_TYPES.contains(type.getNameAsString());
    }
}
