package io.entityflow.lsp.features;

import com.github.javaparser.ast.Node;
import io.entityflow.ir.diag.SourceRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The analysis counts like javac (1-based lines and columns, end column inclusive); LSP counts from 0 with an
 * exclusive end. Columns are UTF-16 code units on both sides (JavaParser reads Java chars, tab = 1 column).
 */
public final class LspRanges {
    private LspRanges() {
    }

    public static Range toLsp(SourceRange range) {
        return new Range(new Position(range.startLine() - 1, range.startColumn() - 1),
                new Position(range.endLine() - 1, range.endColumn()));
    }

    public static Range toLsp(Node node) {
        return toLsp(SourceRange.of(node));
    }

    /** Whether the node's text covers the LSP position (the character just before counts too, as editors hover). */
    public static boolean covers(Node node, Position position) {
        return node.getRange().map(r -> SourceRange.of(r).contains(position.getLine() + 1, position.getCharacter() + 1))
                .orElse(false);
    }

    public static SourceRange fromLsp(Range range) {
        return new SourceRange(range.getStart().getLine() + 1, range.getStart().getCharacter() + 1,
                range.getEnd().getLine() + 1, range.getEnd().getCharacter());
    }
}
