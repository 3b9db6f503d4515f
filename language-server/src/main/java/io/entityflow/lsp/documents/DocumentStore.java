package io.entityflow.lsp.documents;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The documents open in the editor, by URI; their text wins over the file on disk. */
public final class DocumentStore {
    private final Map<String, TextDocument> open = new ConcurrentHashMap<>();

    public void open(TextDocument document) {
        open.put(document.uri(), document);
    }

    public Optional<TextDocument> get(String uri) {
        return Optional.ofNullable(open.get(uri));
    }

    public void put(TextDocument document) {
        open.put(document.uri(), document);
    }

    public void close(String uri) {
        open.remove(uri);
    }

    public boolean isOpen(String uri) {
        return open.containsKey(uri);
    }

    public Set<String> uris() {
        return Set.copyOf(open.keySet());
    }
}
