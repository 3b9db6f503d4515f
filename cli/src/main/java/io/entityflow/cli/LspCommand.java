package io.entityflow.cli;

import io.entityflow.lsp.server.ServerLauncher;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code entityflow lsp}: the language server on stdio (or one client on 127.0.0.1:PORT with {@code --port}).
 * stdout carries only LSP: anything else that prints to {@code System.out} is sent to stderr, and logs go to
 * a file ({@code -Dentityflow.log.file}, {@code $ENTITYFLOW_LOG}, or entityflow-lsp.log in the temp folder;
 * java.util.logging too, which LSP4J uses) and to the editor through {@code window/logMessage}.
 */
@Command(name = "lsp", description = "Run the language server (LSP on stdio).")
final class LspCommand implements Callable<Integer> {
    static final String LOG_FILE = "entityflow.log.file";

    @Option(names = "--port", paramLabel = "PORT", description = "serve one client on 127.0.0.1:PORT instead of stdio (for debugging)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        // before anything logs: Log4j reads where to write when it starts
        if (System.getProperty(LOG_FILE) == null && System.getenv("ENTITYFLOW_LOG") == null) {
            System.setProperty(LOG_FILE, Path.of(System.getProperty("java.io.tmpdir"), "entityflow-lsp.log").toString());
        }
        // LSP4J logs through java.util.logging, whose console handler writes to stderr: replace it by a bridge to
        // Log4j's file. A handler, not java.util.logging.manager: that works only if set before anything touches
        // JUL, which this command cannot promise; the levels Log4j is configured with are copied to JUL's loggers.
        Log4jBridgeHandler.install(true, null, true);
        if (port != null) {
            return ServerLauncher.serveSocket(port);
        }
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        return ServerLauncher.serve(in, out);
    }
}
