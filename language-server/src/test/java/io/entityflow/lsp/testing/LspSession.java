package io.entityflow.lsp.testing;

import com.google.gson.JsonObject;
import io.entityflow.lsp.features.GraphParams;
import io.entityflow.lsp.server.EntityflowLanguageServer;
import io.entityflow.lsp.server.EntityflowRemoteServer;
import io.entityflow.lsp.server.ServerLauncher;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real LSP4J connection for tests and the benchmark: the server's launcher and a client launcher joined by
 * two pipes, JSON-RPC in between, as an editor would talk to {@code entityflow lsp}.
 */
public final class LspSession implements AutoCloseable {
    private final RecordingClient client = new RecordingClient();
    private final EntityflowRemoteServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final PipedOutputStream clientOut = new PipedOutputStream();
    private final PipedOutputStream serverOut = new PipedOutputStream();
    private final Map<String, Integer> versions = new HashMap<>();
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private InitializeResult initializeResult;

    private LspSession() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
        PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
        Launcher<?> serverSide = ServerLauncher.connect(new EntityflowLanguageServer(), serverIn, serverOut);
        Launcher<EntityflowRemoteServer> clientSide = new LSPLauncher.Builder<EntityflowRemoteServer>()
                .setLocalService(client).setRemoteInterface(EntityflowRemoteServer.class)
                .setInput(clientIn).setOutput(clientOut).setExecutorService(threads).create();
        server = clientSide.getRemoteProxy();
        serverSide.startListening();
        clientSide.startListening();
    }

    /** Starts a server with these workspace folders (none: only open documents) and a debounce of {@code debounceMillis}. */
    public static LspSession start(long debounceMillis, Path... folders) throws Exception {
        JsonObject options = new JsonObject();
        options.addProperty("debounceMillis", debounceMillis);
        return start(options, folders);
    }

    /** Starts a server with these {@code initializationOptions} as the client sends them. */
    public static LspSession start(JsonObject options, Path... folders) throws Exception {
        LspSession session = new LspSession();
        InitializeParams params = new InitializeParams();
        params.setWorkspaceFolders(java.util.Arrays.stream(folders)
                .map(f -> new WorkspaceFolder(f.toUri().toString(), f.getFileName().toString())).toList());
        params.setInitializationOptions(options);
        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        workspace.setCodeLens(new org.eclipse.lsp4j.CodeLensWorkspaceCapabilities(true));
        ClientCapabilities capabilities = new ClientCapabilities();
        capabilities.setWorkspace(workspace);
        params.setCapabilities(capabilities);
        session.initializeResult = get(session.server.initialize(params));
        session.server.initialized(new InitializedParams());
        return session;
    }

    public static LspSession start() throws Exception {
        return start(10);
    }

    public RecordingClient client() {
        return client;
    }

    public InitializeResult initializeResult() {
        return initializeResult;
    }

    public static String uri(String name) {
        return Path.of("/virtual", name).toUri().toString();
    }

    /** Opens a document (version 1) and returns the diagnostics published for it. */
    public List<Diagnostic> open(String uri, String text) {
        int from = client.diagnosticsCount();
        versions.put(uri, 1);
        touched.add(uri);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1, text)));
        return awaitDiagnostics(from, uri, 1);
    }

    /** Opens without waiting, for tests that open several documents before they look. */
    public void openQuietly(String uri, String text) {
        versions.put(uri, 1);
        touched.add(uri);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1, text)));
    }

    /** Sends one incremental change (replace {@code range} by {@code text}) and returns the next version. */
    public int change(String uri, Range range, String text) {
        return change(uri, List.of(new TextDocumentContentChangeEvent(range, text)));
    }

    public int change(String uri, List<TextDocumentContentChangeEvent> changes) {
        int version = versions.merge(uri, 1, Integer::sum);
        touched.add(uri);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), changes));
        return version;
    }

    public void close(String uri) {
        versions.remove(uri);
        touched.add(uri);
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    }

    public void fileChanged(String uri, FileChangeType type) {
        touched.add(uri);
        server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(new FileEvent(uri, type))));
    }

    /** The diagnostics published for this version of the document, at or after publication number {@code from}. */
    public List<Diagnostic> awaitDiagnostics(int from, String uri, int version) {
        return client.awaitDiagnostics(from, p -> p.getUri().equals(uri)
                && (p.getVersion() == null || p.getVersion() == version)).getDiagnostics();
    }

    public List<Diagnostic> awaitDiagnostics(String uri) {
        return client.awaitDiagnostics(0, p -> p.getUri().equals(uri)).getDiagnostics();
    }

    /** The latest diagnostics published for a file, once everything queued has been analysed. */
    public List<Diagnostic> latestDiagnostics(String uri) {
        // a request for a document still waiting for its debounce validates everything waiting, on the analysis
        // thread, before it answers: one for each document this session touched leaves nothing waiting
        touched.forEach(this::codeLens);
        codeLens(uri);
        List<PublishDiagnosticsParams> all = client.diagnostics();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).getUri().equals(uri)) {
                return all.get(i).getDiagnostics();
            }
        }
        return List.of();
    }

    public Hover hover(String uri, int line, int character) {
        return get(server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(line, character))));
    }

    public List<? extends CodeLens> codeLens(String uri) {
        return get(server.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))));
    }

    public SemanticTokens semanticTokens(String uri) {
        return get(server.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri))));
    }

    public List<CodeAction> codeActions(String uri, List<Diagnostic> diagnostics) {
        Range range = diagnostics.isEmpty() ? new Range(new Position(0, 0), new Position(0, 0)) : diagnostics.get(0).getRange();
        List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions = get(server.getTextDocumentService().codeAction(
                new CodeActionParams(new TextDocumentIdentifier(uri), range, new CodeActionContext(diagnostics))));
        return actions.stream().map(Either::getRight).toList();
    }

    public JsonObject graph(String uri, String method) {
        return get(server.graph(new GraphParams(uri, method)));
    }

    public CompletableFuture<JsonObject> graphAsync(String uri, String method) {
        return server.graph(new GraphParams(uri, method));
    }

    public EntityflowRemoteServer server() {
        return server;
    }

    public static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
        } finally {
            clientOut.close();
            serverOut.close();
            threads.shutdownNow();
        }
    }
}
