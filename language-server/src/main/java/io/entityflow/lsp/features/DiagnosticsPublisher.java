package io.entityflow.lsp.features;

import io.entityflow.lsp.analysis.ProgramAnalysis;
import io.entityflow.lsp.analysis.ValidationResult;
import io.entityflow.lsp.documents.DocumentStore;
import io.entityflow.lsp.documents.TextDocument;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Publishes what a validation found: for every file it was asked about, and for every other re-analysed file
 * whose diagnostics changed. A result for an open document whose version has moved on since is dropped: the
 * validation of the newer version is already scheduled and will publish.
 */
public final class DiagnosticsPublisher {
    private final DocumentStore documents;
    private final ProgramAnalysis program;
    private final Supplier<LanguageClient> client;
    private final Map<String, List<Diagnostic>> published = new HashMap<>();

    public DiagnosticsPublisher(DocumentStore documents, ProgramAnalysis program, Supplier<LanguageClient> client) {
        this.documents = documents;
        this.program = program;
        this.client = client;
    }

    public void publish(ValidationResult result) {
        Set<String> files = new LinkedHashSet<>(result.requested());
        files.addAll(result.update().analysed());
        files.addAll(result.update().removed());
        for (String uri : files) {
            Optional<TextDocument> open = documents.get(uri);
            Integer analysedVersion = result.versions().get(uri);
            boolean movedOn = open.isPresent() && (program.isPending(uri)
                    || analysedVersion != null && analysedVersion != open.get().version());
            if (movedOn) {
                continue;
            }
            List<Diagnostic> diagnostics = DiagnosticConverter.toLsp(program.diagnostics(uri));
            if (result.requested().contains(uri) || !diagnostics.equals(published.getOrDefault(uri, List.of()))) {
                PublishDiagnosticsParams params = new PublishDiagnosticsParams(uri, diagnostics);
                open.ifPresent(doc -> params.setVersion(doc.version()));
                client.get().publishDiagnostics(params);
            }
            if (diagnostics.isEmpty()) {
                published.remove(uri);
            } else {
                published.put(uri, diagnostics);
            }
        }
    }
}
