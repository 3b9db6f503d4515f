package io.entityflow.lsp.documents;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code .java} files of the workspace folders, read at {@code initialize}. Build output ({@code target},
 * {@code build}, {@code out}), {@code node_modules} and hidden folders are skipped: they hold copies, not sources.
 */
public final class WorkspaceFiles {
    private static final List<String> SKIPPED = List.of("target", "build", "out", "node_modules");

    private WorkspaceFiles() {
    }

    /** URI → text of every Java source below the folders. */
    public static Map<String, String> scan(List<Path> folders) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        for (Path file : sources(folders)) {
            read(file).ifPresent(text -> found.put(Uris.of(file), text));
        }
        return found;
    }

    /** Every Java source below the folders, unread. */
    public static List<Path> sources(List<Path> folders) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(folder) && (name.startsWith(".") || SKIPPED.contains(name));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isJava(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return found;
    }

    public static boolean isJava(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(".java");
    }

    /** The file's text (UTF-8, or Latin-1 as {@code check} falls back to), or empty when it cannot be read. */
    public static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (MalformedInputException e) {
            try {
                return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
            } catch (IOException ignored) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a file below one of the folders would be part of the workspace (not in a skipped folder). */
    public static boolean isSource(Path file, List<Path> folders) {
        if (!isJava(file)) {
            return false;
        }
        for (Path folder : folders) {
            Path absolute = file.toAbsolutePath().normalize();
            Path root = folder.toAbsolutePath().normalize();
            if (absolute.startsWith(root)) {
                for (Path part : root.relativize(absolute).getParent() == null ? List.<Path>of() : root.relativize(absolute).getParent()) {
                    String name = part.toString();
                    if (name.startsWith(".") || SKIPPED.contains(name)) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
