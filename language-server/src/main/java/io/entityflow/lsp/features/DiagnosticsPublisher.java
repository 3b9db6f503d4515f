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
 * whose diagnostics changed. A result for a file whose text has moved on since is dropped: the validation of the
 * newer text is already scheduled and will publish.
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

    /**
     * Whether the text this result analysed is no longer the file's: a change (or open, or close) since has marked
     * it pending again, or the open document is another version than the analysed one, or was opened or closed
     * since. Checked after the analysis, on the analysis thread, while the editor goes on sending changes.
     */
    private boolean stale(String uri, ValidationResult result) {
        if (program.isPending(uri)) {
            return true;
        }
        Integer analysedVersion = result.versions().get(uri);
        Optional<Integer> openVersion = documents.get(uri).map(TextDocument::version);
        return analysedVersion == null ? openVersion.isPresent() : !openVersion.equals(Optional.of(analysedVersion));
    }

    public void publish(ValidationResult result) {
        Set<String> files = new LinkedHashSet<>(result.requested());
        files.addAll(result.update().analysed());
        files.addAll(result.update().removed());
        for (String uri : files) {
            if (stale(uri, result)) {
                continue;
            }
            List<Diagnostic> diagnostics = DiagnosticConverter.toLsp(program.diagnostics(uri));
            if (result.requested().contains(uri) || !diagnostics.equals(published.getOrDefault(uri, List.of()))) {
                PublishDiagnosticsParams params = new PublishDiagnosticsParams(uri, diagnostics);
                params.setVersion(result.versions().get(uri));
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
