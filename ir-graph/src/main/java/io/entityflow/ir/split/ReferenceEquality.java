package io.entityflow.ir.split;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import io.entityflow.ir.analysis.CallGraph;

import java.util.List;

/**
 * {@code a == b} on entities compares identity in plain Java, where one entity is one object. In split
 * code entities are references (values), so the comparison becomes {@code Objects.equals(a, b)}: same
 * type and key, the same answer plain Java gives.
 */
public final class ReferenceEquality {
    private ReferenceEquality() {
    }

    /**
     * Rewrites, in {@code copy}, the comparisons that compare entities in {@code original}. The copy must
     * have the original's shape (a clone, possibly with names changed), since nodes are matched by position.
     */
    public static void rewrite(Node original, Node copy, CallGraph calls) {
        List<BinaryExpr> originals = original.findAll(BinaryExpr.class);
        List<BinaryExpr> copies = copy.findAll(BinaryExpr.class);
        if (originals.size() != copies.size()) {
            return;
        }
        for (int i = originals.size() - 1; i >= 0; i--) {
            BinaryExpr comparison = originals.get(i);
            boolean equals = comparison.getOperator() == BinaryExpr.Operator.EQUALS;
            if (!equals && comparison.getOperator() != BinaryExpr.Operator.NOT_EQUALS) {
                continue;
            }
            if (comparison.getLeft() instanceof NullLiteralExpr || comparison.getRight() instanceof NullLiteralExpr) {
                continue;
            }
            if (calls.entityTypeOf(comparison.getLeft()).isEmpty() && calls.entityTypeOf(comparison.getRight()).isEmpty()) {
                continue;
            }
            BinaryExpr target = copies.get(i);
            Expression test = new MethodCallExpr(new NameExpr("java.util.Objects"), "equals",
                    new NodeList<>(target.getLeft().clone(), target.getRight().clone()));
            target.replace(equals ? test : new UnaryExpr(test, UnaryExpr.Operator.LOGICAL_COMPLEMENT));
        }
    }
}
