package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.analysis.Closures;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

/** EF202: each iteration waits for a full round trip through the dataflow; worth knowing, not an error. */
public final class RemoteCallInLoopRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (CallSite site : context.calls().sitesIn(entity.declaration())) {
            if (!site.isRemote()) {
                continue;
            }
            Node member = Closures.member(site.expression(), entity.declaration()).map(Node.class::cast)
                    .orElse(entity.declaration());
            if (Closures.enclosingClosure(site.expression(), member).isPresent()) {
                continue;
            }
            for (Node n = site.expression().getParentNode().orElse(null); n != null && n != member;
                 n = n.getParentNode().orElse(null)) {
                if (n instanceof ForStmt || n instanceof ForEachStmt || n instanceof WhileStmt || n instanceof DoStmt) {
                    context.report(Code.EF202, entity, site.expression(), "remote call `" + site.label()
                            + "` inside a loop: every iteration waits for one round trip through the dataflow; fine for"
                            + " a few iterations, slow for many (batch the work in one call if you can)",
                            context.related(entity, n, "the loop"));
                    break;
                }
                if (n instanceof BodyDeclaration<?>) {
                    break;
                }
            }
        }
    }
}
