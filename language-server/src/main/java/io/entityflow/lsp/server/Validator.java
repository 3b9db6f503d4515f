package io.entityflow.lsp.server;

import io.entityflow.lsp.analysis.AnalysisQueue;
import io.entityflow.lsp.analysis.ProgramAnalysis;
import io.entityflow.lsp.analysis.ValidationResult;
import io.entityflow.lsp.documents.WorkspaceFiles;
import io.entityflow.lsp.features.DiagnosticsPublisher;
import io.entityflow.lsp.features.GraphChangeNotifier;

import java.io.IOException;
import java.util.Map;

/** Turns "this file may have changed" into a debounced validation, and a validation into what the client sees. */
final class Validator {
    private final ProgramAnalysis program;
    private final AnalysisQueue queue;
    private final DiagnosticsPublisher diagnostics;
    private final GraphChangeNotifier graphs;
    private final ServerLog log;

    Validator(ProgramAnalysis program, AnalysisQueue queue, DiagnosticsPublisher diagnostics, GraphChangeNotifier graphs,
              ServerLog log) {
        this.program = program;
        this.queue = queue;
        this.diagnostics = diagnostics;
        this.graphs = graphs;
        this.log = log;
    }

    void changed(String uri) {
        program.markChanged(uri);
        queue.debounce(uri, this::validateIfPending, e -> log.error("validation of " + uri + " failed", e));
    }

    /** Scans the workspace folders and analyses everything; runs on the analysis thread, before any validation. */
    void loadWorkspace() {
        queue.submit(() -> {
            try {
                long start = System.nanoTime();
                Map<String, String> files = WorkspaceFiles.scan(program.folders());
                report(program.loadWorkspace(files));
                log.info("indexed " + files.size() + " Java files in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            } catch (IOException e) {
                log.error("cannot read the workspace folders", e);
            }
            return null;
        }).exceptionally(e -> {
            log.error("workspace analysis failed", e);
            return null;
        });
    }

    /**
     * Before a request reads the analysis of {@code uri}: if that analysis is stale, validate what is still waiting
     * for its debounce (analysis thread). Only then: each request flushing would analyse every keystroke.
     */
    void flushFor(String uri) {
        if (program.waitsForValidation(uri)) {
            flush();
        }
    }

    private void flush() {
        program.flush().ifPresent(this::report);
    }

    /**
     * The analysis sees the current text of every open document, so a validation takes every file still waiting
     * too (a type declared in another unsaved document resolves); an earlier flush may have taken this one already.
     */
    private void validateIfPending(String uri) {
        if (program.isPending(uri)) {
            flush();
        }
    }

    private void report(ValidationResult result) {
        diagnostics.publish(result);
        graphs.notifyChanges(result);
    }
}
