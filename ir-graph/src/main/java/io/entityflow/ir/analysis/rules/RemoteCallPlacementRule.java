package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.analysis.Closures;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

import java.util.Optional;

/**
 * EF101–EF103: places a method cannot be split at. Code in a lambda or inner class runs later, on
 * another stack; constructors, initializers and static methods run outside any entity invocation;
 * a monitor cannot be held while the entity waits for the callee.
 */
public final class RemoteCallPlacementRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        checkMethodReferences(entity, context);
        for (CallSite site : context.calls().sitesIn(entity.declaration())) {
            if (!context.calls().isSplitPoint(site)) {
                continue;
            }
            Node call = site.expression();
            Optional<BodyDeclaration<?>> member = Closures.member(call, entity.declaration());
            Node stop = member.map(Node.class::cast).orElse(entity.declaration());
            String what = describe(site);
            Optional<Node> closure = Closures.enclosingClosure(call, stop);
            if (closure.isPresent()) {
                context.report(Code.EF101, entity, call, what + " inside " + kind(closure.get())
                        + ": that code runs later, outside the method's state machine, so it cannot wait for the"
                        + " result; make the call directly in the method body (e.g. a plain for loop instead of forEach)",
                        context.related(entity, closure.get(), kind(closure.get()).replaceFirst("^an? ", "the ")));
                continue;
            }
            boolean staticMethod = member.filter(m -> m instanceof MethodDeclaration md && md.isStatic()).isPresent();
            if (member.isEmpty() || !(member.get() instanceof MethodDeclaration) || staticMethod) {
                String where = member.map(RemoteCallPlacementRule::memberKind).orElse("an initializer");
                context.report(Code.EF102, entity, call, what + " in " + where + ": only instance methods run as"
                        + " entity invocations that can wait for another entity; move the call into an instance method",
                        context.related(entity, member.map(Node.class::cast).orElse(call), where));
                continue;
            }
            Closures.enclosingSynchronized(call, stop).ifPresent(sync -> context.report(Code.EF103, entity, call,
                    what + " inside synchronized: the monitor cannot be held while the entity waits for the result,"
                            + " and an entity already runs one event at a time; remove the synchronized block",
                    context.related(entity, sync, "the synchronized block")));
        }
    }

    /** {@code wallet::add} on an entity: a remote call that would run whenever the reference is invoked. */
    private static void checkMethodReferences(EntityModel entity, RuleContext context) {
        for (MethodReferenceExpr reference : entity.declaration().findAll(MethodReferenceExpr.class)) {
            com.github.javaparser.ast.expr.Expression scope = reference.getScope();
            if (!(scope instanceof com.github.javaparser.ast.expr.ThisExpr)) {
                context.calls().entityTypeOf(scope)
                        .filter(target -> !target.methods(reference.getIdentifier()).isEmpty())
                        .ifPresent(target -> context.report(Code.EF101, entity, reference, "method reference `"
                                + reference + "` to entity `" + target.name() + "`: it would call the entity whenever it is"
                                + " invoked, outside the method's state machine; call `" + reference.getIdentifier()
                                + "` directly in the method body instead"));
            }
        }
    }

    private static String describe(CallSite site) {
        return switch (site.kind()) {
            case CREATE -> "creating entity `" + site.target().name() + "`";
            case LOCAL -> "call of `" + site.method() + "`, which makes remote calls,";
            default -> "remote call `" + site.label() + "`";
        };
    }

    private static String kind(Node closure) {
        String name = closure.getClass().getSimpleName();
        return switch (name) {
            case "LambdaExpr" -> "a lambda";
            case "MethodReferenceExpr" -> "a method reference";
            case "ObjectCreationExpr" -> "an anonymous class";
            default -> "a local class";
        };
    }

    private static String memberKind(BodyDeclaration<?> member) {
        if (member.isConstructorDeclaration()) {
            return "a constructor";
        } else if (member.isFieldDeclaration()) {
            return "a field initializer";
        } else if (member.isMethodDeclaration()) {
            return "static method `" + member.asMethodDeclaration().getName() + "`";
        }
        return "an initializer";
    }
}
