package io.entityflow.lsp.features;

import io.entityflow.lsp.analysis.ValidationResult;
import io.entityflow.lsp.documents.DocumentStore;
import io.entityflow.lsp.server.EntityflowLanguageClient;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends {@code entityflow/graphChanged} for each open document whose graph JSON differs from the last one
 * sent, so the VS Code graph view re-asks only when there is something new. Remembers one hash per open document.
 * A code lens shows a method's block and remote-call counts, which are the graph's: when a graph changed and the
 * client can be asked ({@code workspace.codeLens.refreshSupport}), it is asked once to re-request its lenses —
 * otherwise an editor keeps showing stale counts until it happens to ask again.
 */
public final class GraphChangeNotifier {
    private final DocumentStore documents;
    private final Supplier<EntityflowLanguageClient> client;
    private final Map<String, Integer> lastGraph = new HashMap<>();
    private volatile boolean refreshCodeLenses;

    public GraphChangeNotifier(DocumentStore documents, Supplier<EntityflowLanguageClient> client) {
        this.documents = documents;
        this.client = client;
    }

    /** Whether the client said it supports {@code workspace/codeLens/refresh}. */
    public void refreshCodeLenses(boolean supported) {
        refreshCodeLenses = supported;
    }

    public void notifyChanges(ValidationResult result) {
        lastGraph.keySet().removeIf(uri -> !documents.isOpen(uri));
        if (result.update().analysis() == null) {
            return;
        }
        boolean changed = false;
        for (String uri : result.update().dirty()) {
            Integer analysedVersion = result.versions().get(uri);
            if (analysedVersion == null) {
                continue; // not open, or its text moved on since: the validation of the newer text will notify
            }
            int hash = GraphProvider.graph(result.update().analysis(), uri, null).hashCode();
            Integer before = lastGraph.put(uri, hash);
            if (before == null || before != hash) {
                client.get().graphChanged(new GraphChangedParams(uri, analysedVersion));
                changed = true;
            }
        }
        if (changed && refreshCodeLenses) {
            client.get().refreshCodeLenses();
        }
    }
}
