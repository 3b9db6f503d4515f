package io.entityflow.ir.split;

import com.github.javaparser.ast.Node;

/** A construct the splitter cannot lower; becomes an EF111 diagnostic at {@code node}. */
final class SplitException extends RuntimeException {
    private final transient Node node;

    SplitException(Node node, String message) {
        super(message);
        this.node = node;
    }

    Node node() {
        return node;
    }
}
