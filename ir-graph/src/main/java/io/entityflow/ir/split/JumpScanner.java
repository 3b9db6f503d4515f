package io.entityflow.ir.split;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import io.entityflow.ir.analysis.Closures;

/**
 * Finds whether a statement can transfer control out of itself other than by completing normally
 * (return, or break/continue/yield to a target outside it). Only such statements need lowering when
 * they hold no split point; the rest are emitted as written.
 */
final class JumpScanner {
    private JumpScanner() {
    }

    static boolean escapes(Statement statement) {
        return scan(statement, statement);
    }

    private static boolean scan(Node node, Statement root) {
        if (node != root && Closures.isClosure(node)) {
            return false;
        }
        if (node instanceof ReturnStmt) {
            return true;
        }
        if (node instanceof BreakStmt brk && !within(breakTarget(brk), root)) {
            return true;
        }
        if (node instanceof ContinueStmt cont && !within(continueTarget(cont), root)) {
            return true;
        }
        if (node instanceof YieldStmt yield && !within(yield.findAncestor(SwitchExpr.class).orElse(null), root)) {
            return true;
        }
        for (Node child : node.getChildNodes()) {
            if (scan(child, root)) {
                return true;
            }
        }
        return false;
    }

    private static Node breakTarget(BreakStmt brk) {
        if (brk.getLabel().isPresent()) {
            return labelled(brk, brk.getLabel().get().asString());
        }
        for (Node n = brk.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (isLoop(n) || n instanceof SwitchStmt) {
                return n;
            }
        }
        return null;
    }

    private static Node continueTarget(ContinueStmt cont) {
        if (cont.getLabel().isPresent()) {
            return labelled(cont, cont.getLabel().get().asString());
        }
        for (Node n = cont.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (isLoop(n)) {
                return n;
            }
        }
        return null;
    }

    private static Node labelled(Node from, String label) {
        for (Node n = from.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof LabeledStmt labeled && labeled.getLabel().asString().equals(label)) {
                return n;
            }
        }
        return null;
    }

    static boolean isLoop(Node n) {
        return n instanceof WhileStmt || n instanceof DoStmt || n instanceof ForStmt || n instanceof ForEachStmt;
    }

    private static boolean within(Node target, Node root) {
        for (Node n = target; n != null; n = n.getParentNode().orElse(null)) {
            if (n == root) {
                return true;
            }
        }
        return false;
    }
}
