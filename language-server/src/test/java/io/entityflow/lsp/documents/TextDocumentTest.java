package io.entityflow.lsp.documents;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextDocumentTest {
    @Test
    void positionsAreUtf16CodeUnitsOnLinesEndedByAnyBreak() {
        LineIndex index = new LineIndex("a\uD83D\uDE00b\r\nc\rd\ne");
        assertThat(index.lineCount()).isEqualTo(4);
        assertThat(index.offsetOf(new Position(0, 3))).isEqualTo(3); // after the emoji's two code units
        assertThat(index.offsetOf(new Position(1, 0))).isEqualTo(6);
        assertThat(index.offsetOf(new Position(2, 1))).isEqualTo(9);
        assertThat(index.offsetOf(new Position(0, 99))).as("clamped to the line, before \\r\\n").isEqualTo(4);
        assertThat(index.offsetOf(new Position(9, 0))).isEqualTo(11);
        assertThat(index.positionOf(9)).isEqualTo(new Position(2, 1));
        assertThat(index.positionOf(5)).isEqualTo(new Position(0, 5));
    }

    @Test
    void incrementalChangesApplyInOrderAndAFullChangeReplaces() {
        TextDocument doc = new TextDocument("u", 1, "hello\nworld\n");
        TextDocument next = doc.apply(2, List.of(
                new TextDocumentContentChangeEvent(new Range(new Position(1, 0), new Position(1, 5)), "there"),
                new TextDocumentContentChangeEvent(new Range(new Position(0, 5), new Position(1, 0)), ", ")));
        assertThat(next.text()).isEqualTo("hello, there\n");
        assertThat(next.version()).isEqualTo(2);
        assertThat(doc.text()).isEqualTo("hello\nworld\n");
        assertThat(next.apply(3, List.of(new TextDocumentContentChangeEvent("new"))).text()).isEqualTo("new");
    }
}
