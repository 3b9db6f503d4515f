package io.entityflow.ir.model;

import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;

/** Recognises entityflow's annotations by simple or qualified name, as written in source. */
public final class Annotations {
    private static final String PACKAGE = "io.entityflow.api.";

    private Annotations() {
    }

    public static boolean has(NodeWithAnnotations<?> node, String simpleName) {
        return node.getAnnotations().stream().anyMatch(a -> {
            String name = a.getNameAsString();
            return name.equals(simpleName) || name.equals(PACKAGE + simpleName);
        });
    }
}
