package io.entityflow.lsp.server;

import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's log: to SLF4J (a file, as the launcher configures it; never stdout, which carries LSP) and, once
 * connected, to the client's output panel through {@code window/logMessage}.
 */
public final class ServerLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.entityflow.lsp");
    private volatile LanguageClient client;

    void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    public void info(String message) {
        LOG.info(message);
        send(MessageType.Info, message);
    }

    public void warn(String message) {
        LOG.warn(message);
        send(MessageType.Warning, message);
    }

    public void error(String message, Throwable e) {
        LOG.error(message, e);
        send(MessageType.Error, message + ": " + e);
    }

    private void send(MessageType type, String message) {
        LanguageClient connected = client;
        if (connected != null) {
            try {
                connected.logMessage(new MessageParams(type, message));
            } catch (RuntimeException e) {
                LOG.warn("window/logMessage failed", e);
            }
        }
    }
}
