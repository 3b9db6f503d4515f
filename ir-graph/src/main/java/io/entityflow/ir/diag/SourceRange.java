package io.entityflow.ir.diag;

import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;

/**
 * A span of source text, 1-based lines and columns like javac and gcc print them; the end column is
 * inclusive (the last character of the construct), as JavaParser reports it.
 */
public record SourceRange(int startLine, int startColumn, int endLine, int endColumn) {

    public static final SourceRange UNKNOWN = new SourceRange(1, 1, 1, 1);

    public static SourceRange of(Node node) {
        return node.getRange().map(SourceRange::of).orElse(UNKNOWN);
    }

    public static SourceRange of(Range range) {
        return new SourceRange(range.begin.line, range.begin.column, range.end.line, range.end.column);
    }

    public static SourceRange span(SourceRange a, SourceRange b) {
        boolean aFirst = a.startLine < b.startLine || (a.startLine == b.startLine && a.startColumn <= b.startColumn);
        boolean aLast = a.endLine > b.endLine || (a.endLine == b.endLine && a.endColumn >= b.endColumn);
        SourceRange first = aFirst ? a : b;
        SourceRange last = aLast ? a : b;
        return new SourceRange(first.startLine, first.startColumn, last.endLine, last.endColumn);
    }

    public boolean contains(int line, int column) {
        boolean afterStart = line > startLine || (line == startLine && column >= startColumn);
        boolean beforeEnd = line < endLine || (line == endLine && column <= endColumn);
        return afterStart && beforeEnd;
    }

    @Override
    public String toString() {
        return startLine + ":" + startColumn + "-" + endLine + ":" + endColumn;
    }
}
