package io.entityflow.cli;

import io.entityflow.lsp.features.GraphChangedParams;
import io.entityflow.lsp.server.EntityflowLanguageClient;
import io.entityflow.lsp.server.EntityflowRemoteServer;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code entityflow lsp} as an editor starts it: a process speaking LSP on stdio, and nothing else on stdout. */
class LspCommandTest {
    @Test
    void speaksLspOnStdioAndLogsToAFile(@TempDir Path temp) throws Exception {
        Path log = temp.resolve("lsp.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the command's own Log4j configuration, not the test one on the test class path
                "-Dlog4j2.configurationFile=log4j2.properties", "-D" + LspCommand.LOG_FILE + "=" + log, "-cp", System.getProperty("java.class.path"),
                EntityflowCommand.class.getName(), "lsp")
                .redirectError(temp.resolve("stderr.txt").toFile()).start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        InputStream recorded = new FilterInputStream(process.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    synchronized (stdout) {
                        stdout.write(b);
                    }
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    synchronized (stdout) {
                        stdout.write(b, off, n);
                    }
                }
                return n;
            }
        };
        CompletableFuture<PublishDiagnosticsParams> published = new CompletableFuture<>();
        Launcher<EntityflowRemoteServer> launcher = new LSPLauncher.Builder<EntityflowRemoteServer>()
                .setLocalService(new Client(published)).setRemoteInterface(EntityflowRemoteServer.class)
                .setInput(recorded).setOutput(process.getOutputStream()).create();
        launcher.startListening();
        EntityflowRemoteServer server = launcher.getRemoteProxy();
        InitializeParams params = new InitializeParams();
        assertThat(server.initialize(params).get(60, TimeUnit.SECONDS).getServerInfo().getName()).isEqualTo("entityflow");
        server.initialized(new InitializedParams());
        String uri = temp.resolve("A.java").toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1,
                "package t; import io.entityflow.api.*;\n@Entity public class A { @Key private String id; static int n = 0;\n"
                        + "  public A(String id) { this.id = id; } }\n")));
        PublishDiagnosticsParams diagnostics = published.get(60, TimeUnit.SECONDS);
        assertThat(diagnostics.getDiagnostics()).extracting(d -> d.getCode().getLeft()).containsExactly("EF105");
        // LSP4J warns through java.util.logging about a notification it has no handler for: to the file too
        launcher.getRemoteEndpoint().notify("entityflow/noSuchNotification", null);
        server.shutdown().get(30, TimeUnit.SECONDS);
        server.exit();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        String out;
        synchronized (stdout) {
            out = stdout.toString(StandardCharsets.UTF_8);
        }
        assertThat(out).startsWith("Content-Length:");
        // every byte on stdout is a framed JSON-RPC message: headers, then a JSON object
        assertThat(out.replaceAll("Content-Length: \\d+\r\n\r\n\\{", "{")).startsWith("{").endsWith("}")
                .doesNotContain("Content-Length:");
        assertThat(Files.readString(log)).contains("entityflow language server started")
                .contains("entityflow/noSuchNotification");
        assertThat(Files.readString(temp.resolve("stderr.txt"))).doesNotContain("entityflow/noSuchNotification");
    }

    private record Client(CompletableFuture<PublishDiagnosticsParams> published) implements EntityflowLanguageClient {
        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.complete(diagnostics);
        }

        @Override
        public void graphChanged(GraphChangedParams params) {
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams messageParams) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
