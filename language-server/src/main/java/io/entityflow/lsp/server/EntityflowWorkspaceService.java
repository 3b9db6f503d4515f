package io.entityflow.lsp.server;

import io.entityflow.lsp.analysis.AnalysisQueue;
import io.entityflow.lsp.analysis.ProgramAnalysis;
import io.entityflow.lsp.documents.DocumentStore;
import io.entityflow.lsp.documents.Uris;
import io.entityflow.lsp.documents.WorkspaceFiles;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the workspace index current: watched files and folders that change on disk, workspace folders added and
 * removed. Each event is handled on the analysis thread, in order with the validations it causes.
 */
final class EntityflowWorkspaceService implements WorkspaceService {
    private final DocumentStore documents;
    private final ProgramAnalysis program;
    private final AnalysisQueue queue;
    private final Validator validator;
    private final ServerLog log;

    EntityflowWorkspaceService(DocumentStore documents, ProgramAnalysis program, AnalysisQueue queue, Validator validator,
                               ServerLog log) {
        this.documents = documents;
        this.program = program;
        this.queue = queue;
        this.validator = validator;
        this.log = log;
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        List<FileEvent> events = List.copyOf(params.getChanges());
        onAnalysisThread("watched-file events", () -> {
            for (FileEvent event : events) {
                for (String uri : WatchedFileEvent.affectedFiles(event, program)) {
                    if (!documents.isOpen(uri)) { // an open document's unsaved text wins over the disk
                        validator.changed(uri);
                    }
                }
            }
        });
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        List<Path> removed = paths(params.getEvent().getRemoved());
        List<Path> added = paths(params.getEvent().getAdded());
        onAnalysisThread("the workspace folders change", () -> {
            List<Path> folders = new ArrayList<>(program.folders());
            folders.removeAll(removed);
            folders.addAll(added);
            program.setFolders(folders);
            for (String uri : program.files()) {
                if (Uris.path(uri).map(p -> removed.stream().anyMatch(p::startsWith)).orElse(false)) {
                    validator.changed(uri);
                }
            }
            for (Path file : WorkspaceFiles.sources(added)) {
                validator.changed(Uris.of(file));
            }
        });
    }

    /** What reads the program's file list or the disk: not on the message thread, where it would wait for an analysis. */
    private void onAnalysisThread(String what, IoWork work) {
        queue.submit(() -> {
            try {
                work.run();
            } catch (IOException e) {
                log.error("cannot read the files of " + what, e);
            }
            return null;
        }).exceptionally(e -> {
            log.error("handling " + what + " failed", e);
            return null;
        });
    }

    private interface IoWork {
        void run() throws IOException;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // no settings yet
    }

    static List<Path> paths(List<WorkspaceFolder> folders) {
        return folders == null ? List.of() : folders.stream().map(f -> Uris.path(f.getUri())).flatMap(java.util.Optional::stream).toList();
    }
}
