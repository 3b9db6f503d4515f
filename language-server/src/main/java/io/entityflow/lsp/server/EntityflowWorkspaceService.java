package io.entityflow.lsp.server;

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

/** Keeps the workspace index current: watched files that change on disk, folders added and removed. */
final class EntityflowWorkspaceService implements WorkspaceService {
    private final DocumentStore documents;
    private final ProgramAnalysis program;
    private final Validator validator;
    private final ServerLog log;

    EntityflowWorkspaceService(DocumentStore documents, ProgramAnalysis program, Validator validator, ServerLog log) {
        this.documents = documents;
        this.program = program;
        this.validator = validator;
        this.log = log;
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        for (FileEvent event : params.getChanges()) {
            String uri = Uris.normalize(event.getUri());
            if (!documents.isOpen(uri)) { // an open document's unsaved text wins over the disk
                validator.changed(uri);
            }
        }
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        List<Path> folders = new ArrayList<>(program.folders());
        List<Path> removed = paths(params.getEvent().getRemoved());
        List<Path> added = paths(params.getEvent().getAdded());
        folders.removeAll(removed);
        folders.addAll(added);
        program.setFolders(folders);
        for (String uri : program.files()) {
            if (Uris.path(uri).map(p -> removed.stream().anyMatch(p::startsWith)).orElse(false)) {
                validator.changed(uri);
            }
        }
        try {
            WorkspaceFiles.scan(added).keySet().forEach(validator::changed);
        } catch (IOException e) {
            log.error("cannot read the added workspace folders", e);
        }
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // no settings yet
    }

    static List<Path> paths(List<WorkspaceFolder> folders) {
        return folders == null ? List.of() : folders.stream().map(f -> Uris.path(f.getUri())).flatMap(java.util.Optional::stream).toList();
    }
}
