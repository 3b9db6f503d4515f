package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.Optional;

/**
 * EF109: a {@code @ReadOnly} method takes a shared lock in a transaction and is not written back after it
 * runs, so it must not write state: no write of a field or of an object a field holds, however it is reached
 * ({@link StateWrites}), and no call of a method (local or remote) that writes. Which methods write is computed
 * once per program (see {@link WriteAnalysis}).
 */
public final class ReadOnlyRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (MethodModel method : entity.methods()) {
            if (!method.isReadOnly()) {
                continue;
            }
            for (StateWrites.Write write : StateWrites.in(method.declaration(), entity, context.calls())) {
                String what = write.field().equals("this") ? "the entity's state" : "field `" + write.field() + "`";
                context.report(Code.EF109, entity, write.node(), "@ReadOnly method `" + method.name() + "` writes "
                        + what + ": read-only methods run without locks; remove @ReadOnly or move the write into"
                        + " another method");
            }
            method.declaration().walk(Node.TreeTraversal.PREORDER, node ->
                    context.calls().site(node).filter(site -> writes(site, context)).ifPresent(site ->
                            context.report(Code.EF109, entity, node, "@ReadOnly method `" + method.name() + "` calls `"
                                    + site.label() + "`, which writes state: read-only methods run without locks; remove"
                                    + " @ReadOnly or call a read-only method")));
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
        private WriteAnalysis() {
        }

        public static void run(io.entityflow.ir.analysis.CallGraph calls) {
            for (EntityModel entity : calls.program().entities()) {
                for (MethodModel method : entity.methods()) {
                    if (!StateWrites.in(method.declaration(), entity, calls).isEmpty()) {
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
                        if (method.declaration().findAll(MethodReferenceExpr.class).stream()
                                .anyMatch(reference -> StateWrites.refersToWritingMethod(reference, entity))) {
                            method.markWritesState(); // this::bump, where bump writes (known only as the fixpoint goes)
                            changed = true;
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
    }
}
