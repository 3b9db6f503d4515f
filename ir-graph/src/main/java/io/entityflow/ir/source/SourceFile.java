package io.entityflow.ir.source;

import java.util.Objects;

/**
 * The text of one Java source as the analysis sees it: read from disk, or the unsaved text of an
 * editor buffer. {@code name} is what diagnostics print (a relative path or a URI).
 */
public record SourceFile(String name, String text) {
    public SourceFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
