package io.entityflow.lsp.documents;

import org.eclipse.lsp4j.Position;

import java.util.Arrays;

/**
 * Where each line of a text starts and ends, to turn LSP positions (0-based line, UTF-16 code units into it,
 * which is exactly what a Java {@code char} index counts) into offsets and back. Lines end at {@code \n},
 * {@code \r\n} or {@code \r}, as both LSP and JavaParser count them.
 */
public final class LineIndex {
    private final int[] starts;
    private final int[] ends;

    public LineIndex(String text) {
        int[] lineStarts = new int[16];
        int[] lineEnds = new int[16];
        int lines = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (lines + 1 >= lineStarts.length) {
                    lineStarts = Arrays.copyOf(lineStarts, lineStarts.length * 2);
                    lineEnds = Arrays.copyOf(lineEnds, lineEnds.length * 2);
                }
                lineStarts[lines] = start;
                lineEnds[lines] = i;
                lines++;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lineStarts = Arrays.copyOf(lineStarts, lines + 1);
        lineEnds = Arrays.copyOf(lineEnds, lines + 1);
        lineStarts[lines] = start;
        lineEnds[lines] = text.length();
        this.starts = lineStarts;
        this.ends = lineEnds;
    }

    public int lineCount() {
        return starts.length;
    }

    /**
     * The offset of a position. A character past the end of its line means the line's end, as the protocol
     * says; a line past the last means the end of the text.
     */
    public int offsetOf(Position position) {
        int line = position.getLine();
        if (line < 0) {
            return 0;
        }
        if (line >= starts.length) {
            return ends[ends.length - 1];
        }
        return Math.min(starts[line] + Math.max(0, position.getCharacter()), ends[line]);
    }

    public Position positionOf(int offset) {
        int clamped = Math.max(0, Math.min(offset, ends[ends.length - 1]));
        int line = Arrays.binarySearch(starts, clamped);
        if (line < 0) {
            line = -line - 2;
        }
        return new Position(line, clamped - starts[line]);
    }
}
