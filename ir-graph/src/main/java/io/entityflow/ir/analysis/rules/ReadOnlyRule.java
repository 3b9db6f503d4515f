package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.Optional;
import java.util.Set;

/**
 * EF109: a {@code @ReadOnly} method may run without locks, so it must not write state: no assignment to a
 * field, no mutating call on a collection field, no call of a method (local or remote) that writes.
 * Which methods write is computed once per program (see {@link WriteAnalysis}).
 */
public final class ReadOnlyRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (MethodModel method : entity.methods()) {
            if (!method.isReadOnly()) {
                continue;
            }
            method.declaration().walk(Node.TreeTraversal.PREORDER, node -> {
                Optional<String> written = WriteAnalysis.directWrite(node, entity);
                if (written.isPresent()) {
                    context.report(Code.EF109, entity, node, "@ReadOnly method `" + method.name() + "` writes field `"
                            + written.get() + "`: read-only methods run without locks; remove @ReadOnly or move the write"
                            + " into another method");
                    return;
                }
                context.calls().site(node).filter(site -> writes(site, context)).ifPresent(site ->
                        context.report(Code.EF109, entity, node, "@ReadOnly method `" + method.name() + "` calls `"
                                + site.label() + "`, which writes state: read-only methods run without locks; remove"
                                + " @ReadOnly or call a read-only method"));
            });
        }
    }

    private static boolean writes(CallSite site, RuleContext context) {
        return switch (site.kind()) {
            case LOCAL -> context.calls().localTarget(site).map(MethodModel::writesState).orElse(false);
            case REMOTE -> site.target().method(site.method()).map(MethodModel::writesState).orElse(false);
            case CREATE -> true;
            case UNRESOLVED -> false;
        };
    }

    /** Decides, for the whole program, which methods write state directly or through the methods they call. */
    public static final class WriteAnalysis {
        private static final Set<String> MUTATORS = Set.of("add", "addAll", "remove", "removeAll", "removeIf",
                "retainAll", "clear", "put", "putAll", "putIfAbsent", "replace", "replaceAll", "compute",
                "computeIfAbsent", "computeIfPresent", "merge", "set", "sort", "push", "pop", "poll", "offer",
                "addFirst", "addLast", "removeFirst", "removeLast");

        private WriteAnalysis() {
        }

        public static void run(io.entityflow.ir.analysis.CallGraph calls) {
            for (EntityModel entity : calls.program().entities()) {
                for (MethodModel method : entity.methods()) {
                    boolean writes = method.declaration().findFirst(Node.class,
                            n -> directWrite(n, entity).isPresent()).isPresent();
                    if (writes) {
                        method.markWritesState();
                    }
                }
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (EntityModel entity : calls.program().entities()) {
                    for (MethodModel method : entity.methods()) {
                        if (method.writesState()) {
                            continue;
                        }
                        for (CallSite site : calls.sitesIn(method.declaration())) {
                            Optional<MethodModel> target = switch (site.kind()) {
                                case LOCAL -> calls.localTarget(site);
                                case REMOTE -> site.target().method(site.method());
                                default -> Optional.empty();
                            };
                            if (site.kind() == CallSite.Kind.CREATE || target.map(MethodModel::writesState).orElse(false)) {
                                method.markWritesState();
                                changed = true;
                                break;
                            }
                        }
                    }
                }
            }
        }

        /** The state field a node writes directly, if it does. */
        static Optional<String> directWrite(Node node, EntityModel entity) {
            Expression target = null;
            if (node instanceof AssignExpr assign) {
                target = assign.getTarget();
            } else if (node instanceof UnaryExpr unary && unary.getOperator().name().contains("CREMENT")) {
                target = unary.getExpression();
            } else if (node instanceof MethodCallExpr call && MUTATORS.contains(call.getNameAsString())
                    && call.getScope().isPresent()) {
                target = call.getScope().get();
            }
            return target == null ? Optional.empty() : Fields.stateField(target, entity);
        }
    }
}
