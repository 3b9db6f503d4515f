package io.entityflow.cli;

import io.entityflow.ir.source.SourceFile;
import io.entityflow.ir.source.SourceTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Loads the folders a command names, with paths printed relative to the working directory. */
final class Sources {
    private Sources() {
    }

    static List<SourceFile> load(List<Path> roots) {
        try {
            return SourceTree.load(roots, Path.of(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
