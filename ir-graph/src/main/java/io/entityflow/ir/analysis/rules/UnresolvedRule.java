package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

import java.util.HashMap;
import java.util.Map;

/**
 * EF112: a type the analysis cannot find (neither in the entity sources nor in the JDK); EF110: a call
 * through a value of such a type, which therefore cannot be classified as local or remote.
 */
public final class UnresolvedRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        Map<String, Boolean> resolvable = new HashMap<>();
        for (ClassOrInterfaceType type : entity.declaration().findAll(ClassOrInterfaceType.class)) {
            if (type.getParentNode().filter(p -> p instanceof ClassOrInterfaceType).isPresent()) {
                continue; // the scope of a qualified name: the whole name is checked
            }
            if (type.getParentNode().filter(p -> p instanceof com.github.javaparser.ast.expr.TypeExpr).isPresent()) {
                continue; // `wallet::add`: the scope of a method reference may be a variable, not a type
            }
            if (context.program().entityNamed(type).isPresent()) {
                continue;
            }
            String written = type.getNameWithScope();
            boolean found = resolvable.computeIfAbsent(written, n -> resolves(type));
            if (!found) {
                context.report(Code.EF112, entity, type, "cannot resolve type `" + written + "`: declare it in the entity"
                        + " sources or import it from the JDK; entityflow needs every type to decide which calls are remote");
            }
        }
        for (CallSite site : context.calls().sitesIn(entity.declaration())) {
            if (site.kind() == CallSite.Kind.UNRESOLVED) {
                context.report(Code.EF110, entity, site.expression(), "cannot tell whether `" + site.expression()
                        + "` is a remote call: " + site.unresolvedReason() + "; declare the value with an entity or"
                        + " JDK type");
            }
        }
    }

    private static boolean resolves(ClassOrInterfaceType type) {
        try {
            type.resolve();
            return true;
        } catch (com.github.javaparser.resolution.UnsolvedSymbolException e) {
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            // the solver failed for another reason (generics it cannot model): not the user's problem
            return true;
        }
    }
}
