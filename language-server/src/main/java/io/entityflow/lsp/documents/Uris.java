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

    /**
     * Whether a document belongs to the program: a file, or an unsaved new one. Other schemes show another
     * version of a file (a diff's {@code git:} side, a pull request's base): as part of the program they would
     * declare its types a second time.
     */
    public static boolean isProgramDocument(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon);
        return scheme.equalsIgnoreCase("file") || scheme.equalsIgnoreCase("untitled");
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
