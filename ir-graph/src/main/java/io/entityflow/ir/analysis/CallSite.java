package io.entityflow.ir.analysis;

import com.github.javaparser.ast.expr.Expression;
import io.entityflow.ir.model.EntityModel;

/**
 * A call found in entity code and what it is: a remote call or create on another entity, a local call
 * of a method of {@code this}, or a call through a value whose type could not be resolved.
 */
public record CallSite(Expression expression, Kind kind, EntityModel caller, EntityModel target, String method,
                       String unresolvedReason) {

    public enum Kind { REMOTE, CREATE, LOCAL, UNRESOLVED }

    public boolean isRemote() {
        return kind == Kind.REMOTE || kind == Kind.CREATE;
    }

    /** "Item.getPrice" or "new Item" for messages and the graph. */
    public String label() {
        return kind == Kind.CREATE ? "new " + target.name() : target.name() + "." + method;
    }
}
