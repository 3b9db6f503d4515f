package io.entityflow.lsp.server;

import io.entityflow.lsp.features.GraphChangedParams;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/** The client as this server sees it: a standard LSP client that also takes graph-changed notifications. */
public interface EntityflowLanguageClient extends LanguageClient {
    /** The graph of a document changed: a graph view showing it should ask {@code entityflow/graph} again. */
    @JsonNotification("entityflow/graphChanged")
    void graphChanged(GraphChangedParams params);
}
