package io.entityflow.lsp.analysis;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.incremental.IncrementalAnalyzer;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.lsp.documents.DocumentStore;
import io.entityflow.lsp.documents.TextDocument;
import io.entityflow.lsp.documents.Uris;
import io.entityflow.lsp.documents.WorkspaceFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The program as the editor sees it: the workspace files on disk, overridden by the unsaved text of open
 * documents, analysed incrementally by ir-graph's {@link IncrementalAnalyzer} (the entry point
 * {@code entityflow check} uses, on the part of the program an edit affects). Not thread-safe on purpose:
 * every method runs on the one analysis thread of {@link AnalysisQueue}.
 */
public final class ProgramAnalysis {
    private final IncrementalAnalyzer analyzer = new IncrementalAnalyzer();
    private final DocumentStore documents;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Map<String, AnalysedDocument> analysedOpenDocuments = new HashMap<>();
    private volatile List<Path> folders = List.of();

    public ProgramAnalysis(DocumentStore documents) {
        this.documents = documents;
    }

    public void setFolders(List<Path> workspaceFolders) {
        this.folders = List.copyOf(workspaceFolders);
    }

    public List<Path> folders() {
        return folders;
    }

    /** Marks a file as possibly changed; any thread may call this (the next validation of it reads it again). */
    public void markChanged(String uri) {
        pending.add(uri);
    }

    public boolean isPending(String uri) {
        return pending.contains(uri);
    }

    /** Loads the given workspace files (URI → text) as the program, before any document opens. */
    public ValidationResult loadWorkspace(Map<String, String> files) {
        IncrementalAnalyzer.Update update = analyzer.update(files, Set.of());
        remember(update, Map.of());
        return new ValidationResult(update, files.keySet(), openVersionsAnalysed(update, Map.of()));
    }

    /** Reads the requested files again (open text, else disk, else gone) and re-analyses what they affect. */
    public ValidationResult validate(Set<String> uris) {
        Map<String, String> changed = new HashMap<>();
        Set<String> removed = new HashSet<>();
        Map<String, Integer> versions = new HashMap<>();
        for (String uri : uris) {
            pending.remove(uri);
            Optional<TextDocument> open = documents.get(uri);
            if (open.isPresent()) {
                changed.put(uri, open.get().text());
                versions.put(uri, open.get().version());
                continue;
            }
            Optional<String> onDisk = Uris.path(uri).filter(p -> Files.isRegularFile(p) && WorkspaceFiles.isSource(p, folders))
                    .flatMap(WorkspaceFiles::read);
            if (onDisk.isPresent()) {
                changed.put(uri, onDisk.get());
            } else {
                removed.add(uri);
            }
        }
        IncrementalAnalyzer.Update update = analyzer.update(changed, removed);
        remember(update, versions);
        return new ValidationResult(update, Set.copyOf(uris), openVersionsAnalysed(update, versions));
    }

    /**
     * The version of each open document the update analysed: the one read for a requested file, and for a file
     * analysed as a dependent, the open version whose text the analyzer holds (none if the text moved on since).
     */
    private Map<String, Integer> openVersionsAnalysed(IncrementalAnalyzer.Update update, Map<String, Integer> read) {
        Map<String, Integer> versions = new HashMap<>(read);
        for (String uri : update.analysed()) {
            documents.get(uri).filter(doc -> !read.containsKey(uri) && analyzer.text(uri).map(doc.text()::equals).orElse(false))
                    .ifPresent(doc -> versions.put(uri, doc.version()));
        }
        return versions;
    }

    /**
     * Whether a request about this file would read a stale analysis: the file, or a file whose types it mentions,
     * is still waiting for its debounce. (A waiting file the program does not have yet declares no type it knows
     * of: its types reach the file when its own debounce runs out.)
     */
    public boolean waitsForValidation(String uri) {
        return pending.contains(uri) || pending.stream().anyMatch(p -> analyzer.dependentsOf(p).contains(uri));
    }

    /** Validates every file still waiting for its debounce: what a request needs before it reads the analysis. */
    public Optional<ValidationResult> flush() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(validate(Set.copyOf(pending)));
    }

    private void remember(IncrementalAnalyzer.Update update, Map<String, Integer> versions) {
        analysedOpenDocuments.keySet().removeIf(uri -> !documents.isOpen(uri));
        if (update.analysis() == null) {
            return;
        }
        for (String uri : update.analysed()) {
            documents.get(uri).ifPresent(doc -> {
                if (analyzer.text(uri).map(doc.text()::equals).orElse(false)) {
                    analysedOpenDocuments.put(uri, new AnalysedDocument(uri, doc.version(), doc.text(), update.analysis()));
                }
            });
        }
    }

    /**
     * The analysis features read for a file: the one of its latest validation if it still matches the text, else
     * a fresh analysis of the part of the program the file depends on. Call {@link #flush()} first.
     */
    public Optional<AnalysedDocument> analysed(String uri) {
        Optional<TextDocument> open = documents.get(uri);
        AnalysedDocument known = analysedOpenDocuments.get(uri);
        if (known != null && open.isPresent() && known.text().equals(open.get().text())) {
            return Optional.of(known);
        }
        Optional<String> text = analyzer.text(uri);
        Optional<Analysis> analysis = analyzer.analysisFor(uri);
        if (text.isEmpty() || analysis.isEmpty()) {
            return Optional.empty();
        }
        AnalysedDocument fresh = new AnalysedDocument(uri, open.map(TextDocument::version).orElse(-1), text.get(), analysis.get());
        if (open.isPresent() && open.get().text().equals(text.get())) {
            analysedOpenDocuments.put(uri, fresh);
        }
        return Optional.of(fresh);
    }

    public List<Diagnostic> diagnostics(String uri) {
        return analyzer.diagnostics(uri);
    }

    public Set<String> files() {
        return analyzer.files();
    }
}
