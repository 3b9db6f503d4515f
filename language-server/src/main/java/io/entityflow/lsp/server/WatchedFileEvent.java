package io.entityflow.lsp.server;

import io.entityflow.lsp.analysis.ProgramAnalysis;
import io.entityflow.lsp.documents.Uris;
import io.entityflow.lsp.documents.WorkspaceFiles;
import org.eclipse.lsp4j.FileEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The program files one watched-file event concerns. An editor reports a deleted or created folder as one event
 * and says nothing of the files in it, so a folder stands for every program file below it. Runs on the analysis
 * thread: it reads the program's file list and the disk.
 */
final class WatchedFileEvent {
    private WatchedFileEvent() {
    }

    static Set<String> affectedFiles(FileEvent event, ProgramAnalysis program) throws IOException {
        String uri = Uris.normalize(event.getUri());
        Path path = Uris.path(uri).orElse(null);
        Set<String> affected = new TreeSet<>();
        if (path == null) {
            return affected;
        }
        switch (event.getType()) {
            case Deleted -> {
                for (String known : program.files()) {
                    if (Uris.path(known).map(p -> p.startsWith(path)).orElse(false)) {
                        affected.add(known); // the file itself, or every program file below a deleted folder
                    }
                }
                if (WorkspaceFiles.isJava(path)) {
                    affected.add(uri);
                }
            }
            case Created -> {
                if (Files.isDirectory(path)) {
                    for (Path file : WorkspaceFiles.sources(List.of(path))) {
                        if (WorkspaceFiles.isSource(file, program.folders())) {
                            affected.add(Uris.of(file));
                        }
                    }
                } else if (isProgramFile(uri, path, program)) {
                    affected.add(uri);
                }
            }
            case Changed -> {
                if (isProgramFile(uri, path, program)) {
                    affected.add(uri);
                }
            }
        }
        return affected;
    }

    /** A Java source of the workspace, or one the program has (the folder watcher reports every other file too). */
    private static boolean isProgramFile(String uri, Path path, ProgramAnalysis program) {
        return WorkspaceFiles.isSource(path, program.folders()) || program.files().contains(uri);
    }
}
