package io.entityflow.ir.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;

import java.util.Optional;

/** Where a node sits: the code that runs later or elsewhere (closures), and its entity member. */
public final class Closures {
    private Closures() {
    }

    /** The innermost lambda, method reference, anonymous or local class around the node, below {@code stop}. */
    public static Optional<Node> enclosingClosure(Node node, Node stop) {
        for (Node current = node.getParentNode().orElse(null); current != null && current != stop;
             current = current.getParentNode().orElse(null)) {
            if (isClosure(current)) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    public static boolean isClosure(Node node) {
        return node instanceof LambdaExpr || node instanceof MethodReferenceExpr
                || (node instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent())
                || node instanceof LocalClassDeclarationStmt || node instanceof LocalRecordDeclarationStmt;
    }

    public static Optional<SynchronizedStmt> enclosingSynchronized(Node node, Node stop) {
        for (Node current = node.getParentNode().orElse(null); current != null && current != stop;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof SynchronizedStmt sync) {
                return Optional.of(sync);
            }
        }
        return Optional.empty();
    }

    /** The member of the entity class (method, constructor, field, initializer) that contains the node. */
    public static Optional<BodyDeclaration<?>> member(Node node, ClassOrInterfaceDeclaration entity) {
        Node current = node;
        while (current != null) {
            Node parent = current.getParentNode().orElse(null);
            if (parent == entity && current instanceof BodyDeclaration<?> body) {
                return Optional.of(body);
            }
            current = parent;
        }
        return Optional.empty();
    }
}
