package io.entityflow.lsp.server;

import com.google.gson.JsonObject;
import io.entityflow.lsp.analysis.AnalysisQueue;
import io.entityflow.lsp.analysis.ProgramAnalysis;
import io.entityflow.lsp.documents.DocumentStore;
import io.entityflow.lsp.documents.Uris;
import io.entityflow.lsp.features.DiagnosticsPublisher;
import io.entityflow.lsp.features.GraphChangeNotifier;
import io.entityflow.lsp.features.GraphParams;
import io.entityflow.lsp.features.GraphProvider;
import io.entityflow.lsp.features.SemanticTokensProvider;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WatchKind;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The entityflow language server: capabilities, lifecycle and the wiring of document store, analysis and
 * features. Options ({@code initializationOptions}): {@code debounceMillis} (default {@value #DEFAULT_DEBOUNCE_MILLIS}).
 */
public final class EntityflowLanguageServer implements LanguageServer, LanguageClientAware, EntityflowProtocol {
    public static final long DEFAULT_DEBOUNCE_MILLIS = 200;

    private final DocumentStore documents = new DocumentStore();
    private final ProgramAnalysis program = new ProgramAnalysis(documents);
    private final ServerLog log = new ServerLog();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final AnalysisQueue queue;
    private final Validator validator;
    private final EntityflowTextDocumentService textDocuments;
    private final EntityflowWorkspaceService workspace;
    private volatile EntityflowLanguageClient client;
    private volatile boolean shutdownRequested;
    private volatile boolean watchFilesDynamically;
    private final GraphChangeNotifier graphChanges;

    public EntityflowLanguageServer() {
        this(DEFAULT_DEBOUNCE_MILLIS);
    }

    public EntityflowLanguageServer(long debounceMillis) {
        queue = new AnalysisQueue(debounceMillis);
        DiagnosticsPublisher diagnostics = new DiagnosticsPublisher(documents, program, () -> client);
        graphChanges = new GraphChangeNotifier(documents, () -> client);
        validator = new Validator(program, queue, diagnostics, graphChanges, log);
        textDocuments = new EntityflowTextDocumentService(documents, program, queue, validator);
        workspace = new EntityflowWorkspaceService(documents, program, queue, validator, log);
    }

    @Override
    public void connect(LanguageClient languageClient) {
        this.client = (EntityflowLanguageClient) languageClient;
        log.connect(languageClient);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        InitializationOptions.debounceMillis(params.getInitializationOptions(), log::warn).ifPresent(queue::setDebounceMillis);
        program.setFolders(workspaceFolders(params));
        WorkspaceClientCapabilities clientWorkspace = params.getCapabilities() == null ? null : params.getCapabilities().getWorkspace();
        watchFilesDynamically = clientWorkspace != null && clientWorkspace.getDidChangeWatchedFiles() != null
                && Boolean.TRUE.equals(clientWorkspace.getDidChangeWatchedFiles().getDynamicRegistration());
        graphChanges.refreshCodeLenses(clientWorkspace != null && clientWorkspace.getCodeLens() != null
                && Boolean.TRUE.equals(clientWorkspace.getCodeLens().getRefreshSupport()));
        return CompletableFuture.completedFuture(new InitializeResult(capabilities(), new ServerInfo("entityflow", "0.1.0")));
    }

    private static ServerCapabilities capabilities() {
        ServerCapabilities capabilities = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        capabilities.setTextDocumentSync(sync);
        capabilities.setHoverProvider(true);
        capabilities.setCodeLensProvider(new CodeLensOptions(false));
        capabilities.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(SemanticTokensProvider.legend(), true));
        capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
        folders.setSupported(true);
        folders.setChangeNotifications(true);
        capabilities.setWorkspace(new WorkspaceServerCapabilities(folders));
        return capabilities;
    }

    @Override
    public void initialized(InitializedParams params) {
        if (watchFilesDynamically) {
            // folders too: an editor reports a deleted, renamed or created folder as one event, none for its files
            DidChangeWatchedFilesRegistrationOptions options = new DidChangeWatchedFilesRegistrationOptions(List.of(
                    new FileSystemWatcher(Either.forLeft("**/*.java")),
                    new FileSystemWatcher(Either.forLeft("**/*"), WatchKind.Create + WatchKind.Delete)));
            client.registerCapability(new RegistrationParams(List.of(
                    new Registration("entityflow-java-files", "workspace/didChangeWatchedFiles", options))));
        }
        log.info("entityflow language server started; workspace folders " + program.folders());
        validator.loadWorkspace();
    }

    @Override
    public CompletableFuture<JsonObject> graph(GraphParams params) {
        return textDocuments.onAnalysis(params.getUri(), doc -> {
            try {
                return GraphProvider.graph(doc.analysis(), doc.uri(), params.getMethod());
            } catch (IllegalArgumentException e) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, e.getMessage(), null));
            }
        }, null).thenApply(graph -> {
            if (graph == null) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                        "not a file of the workspace or an open document: " + params.getUri(), null));
            }
            return graph;
        });
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        queue.close();
        exited.complete(shutdownRequested ? 0 : 1);
    }

    /** Completes with the process exit code the protocol asks for once the client sends {@code exit}. */
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    private static List<Path> workspaceFolders(InitializeParams params) {
        List<Path> folders = new ArrayList<>(EntityflowWorkspaceService.paths(params.getWorkspaceFolders()));
        if (folders.isEmpty() && params.getRootUri() != null) {
            Uris.path(params.getRootUri()).ifPresent(folders::add);
        }
        return folders;
    }
}
