package io.entityflow.lsp.analysis;

import io.entityflow.ir.analysis.incremental.IncrementalAnalyzer;

import java.util.Map;
import java.util.Set;

/**
 * What one validation did: the analyzer's update, the files it was asked about, and the version of each open
 * document it read (so publishing can drop results for documents that have moved on since).
 */
public record ValidationResult(IncrementalAnalyzer.Update update, Set<String> requested, Map<String, Integer> versions) {
}
