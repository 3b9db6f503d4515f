package io.entityflow.lsp.documents;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One spelling per file. Clients write {@code file:} URIs in their own way ({@code file:///} vs {@code file:/},
 * encoded or not); the server names every file by {@link Path#toUri()} so the open document and the same file
 * found on disk are one program file, not two declaring the same types.
 */
public final class Uris {
    private Uris() {
    }

    public static String normalize(String uri) {
        return path(uri).map(Uris::of).orElse(uri);
    }

    public static String of(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }

    public static Optional<Path> path(String uri) {
        try {
            URI parsed = URI.create(uri);
            return "file".equals(parsed.getScheme()) ? Optional.of(Path.of(parsed)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
