package io.entityflow.ir.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads every {@code .java} file below the given folders (or the files themselves), in path order. */
public final class SourceTree {
    private SourceTree() {
    }

    /**
     * @param roots folders or single files
     * @param displayBase paths in diagnostics are printed relative to this folder when below it
     * @throws IOException when a root does not exist or cannot be read
     */
    public static List<SourceFile> load(List<Path> roots, Path displayBase) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new IOException("no such file or folder: " + root);
            }
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path path : paths) {
                files.add(new SourceFile(display(path, displayBase), read(path)));
            }
        }
        return files;
    }

    private static String read(Path path) throws IOException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            // Not UTF-8: read it as Latin-1 rather than refuse, so the file still gets its diagnostics.
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String display(Path path, Path base) {
        Path absolute = path.toAbsolutePath().normalize();
        Path absoluteBase = base.toAbsolutePath().normalize();
        return absolute.startsWith(absoluteBase) ? absoluteBase.relativize(absolute).toString() : path.toString();
    }
}
