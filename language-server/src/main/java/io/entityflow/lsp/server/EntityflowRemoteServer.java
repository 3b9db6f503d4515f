package io.entityflow.lsp.server;

import org.eclipse.lsp4j.services.LanguageServer;

/** The server as a client (a test, the benchmark) talks to it: LSP plus {@link EntityflowProtocol}. */
public interface EntityflowRemoteServer extends LanguageServer, EntityflowProtocol {
}
