package io.entityflow.lsp.analysis;

import io.entityflow.ir.analysis.Analysis;

/** The analysis an open document's features read, and the version of the document it saw. */
public record AnalysedDocument(String uri, int version, String text, Analysis analysis) {
}
