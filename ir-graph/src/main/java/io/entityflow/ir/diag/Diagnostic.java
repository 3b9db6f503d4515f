package io.entityflow.ir.diag;

import java.util.List;

/**
 * One finding of the analysis, reported identically by {@code entityflow check} and the language
 * server. {@code file} is the path the source was loaded under (or the editor's URI).
 */
public record Diagnostic(String code, Severity severity, String file, SourceRange range, String message,
                         List<RelatedLocation> related) {

    public Diagnostic {
        related = List.copyOf(related);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form of the CLI: {@code FILE:LINE:COL: error|warning CODE: message}. */
    public String toLine() {
        return file + ":" + range.startLine() + ":" + range.startColumn() + ": " + severity.label() + " " + code
                + ": " + message;
    }
}
