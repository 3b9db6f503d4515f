package io.entityflow.lsp.documents;

import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

import java.util.List;

/**
 * An open editor buffer: its text and version. Immutable: applying the edits of a {@code didChange} gives the
 * next document, so an analysis can hold the version it read without locks.
 */
public final class TextDocument {
    private final String uri;
    private final int version;
    private final String text;
    private LineIndex lines;

    public TextDocument(String uri, int version, String text) {
        this.uri = uri;
        this.version = version;
        this.text = text;
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    public synchronized LineIndex lines() {
        if (lines == null) {
            lines = new LineIndex(text);
        }
        return lines;
    }

    /**
     * Applies incremental edits in order, each against the text the previous one left (a change without a
     * range replaces the whole text), as {@code TextDocumentSyncKind.Incremental} specifies.
     */
    public TextDocument apply(int newVersion, List<TextDocumentContentChangeEvent> changes) {
        String current = text;
        LineIndex index = lines();
        for (TextDocumentContentChangeEvent change : changes) {
            if (change.getRange() == null) {
                current = change.getText();
            } else {
                int start = index.offsetOf(change.getRange().getStart());
                int end = Math.max(start, index.offsetOf(change.getRange().getEnd()));
                current = current.substring(0, start) + change.getText() + current.substring(end);
            }
            index = new LineIndex(current);
        }
        TextDocument next = new TextDocument(uri, newVersion, current);
        next.lines = index;
        return next;
    }
}
