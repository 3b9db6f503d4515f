package io.entityflow.lsp.server;

import com.google.gson.JsonObject;
import io.entityflow.lsp.features.GraphParams;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

import java.util.concurrent.CompletableFuture;

/** The requests entityflow adds to LSP. */
public interface EntityflowProtocol {
    /** The graph JSON (ARCHITECTURE §4) of a document's entities, or of one method ({@code method}: {@code Type.method}). */
    @JsonRequest("entityflow/graph")
    CompletableFuture<JsonObject> graph(GraphParams params);
}
