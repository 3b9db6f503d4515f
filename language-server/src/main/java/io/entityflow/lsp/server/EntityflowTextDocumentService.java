package io.entityflow.lsp.server;

import io.entityflow.lsp.analysis.AnalysedDocument;
import io.entityflow.lsp.analysis.AnalysisQueue;
import io.entityflow.lsp.analysis.ProgramAnalysis;
import io.entityflow.lsp.documents.DocumentStore;
import io.entityflow.lsp.documents.TextDocument;
import io.entityflow.lsp.documents.Uris;
import io.entityflow.lsp.features.CodeLensProvider;
import io.entityflow.lsp.features.HoverProvider;
import io.entityflow.lsp.features.QuickFixProvider;
import io.entityflow.lsp.features.SemanticTokensProvider;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Thin on purpose: keeps the document store current and hands every request to its feature class, on the
 * analysis thread, after validating what was still waiting for its debounce if the request's file needs it (so
 * answers match the text).
 */
final class EntityflowTextDocumentService implements TextDocumentService {
    private final DocumentStore documents;
    private final ProgramAnalysis program;
    private final AnalysisQueue queue;
    private final Validator validator;

    EntityflowTextDocumentService(DocumentStore documents, ProgramAnalysis program, AnalysisQueue queue, Validator validator) {
        this.documents = documents;
        this.program = program;
        this.queue = queue;
        this.validator = validator;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        String uri = Uris.normalize(params.getTextDocument().getUri());
        if (!Uris.isProgramDocument(uri)) {
            return;
        }
        documents.open(new TextDocument(uri, params.getTextDocument().getVersion(), params.getTextDocument().getText()));
        validator.changed(uri);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = Uris.normalize(params.getTextDocument().getUri());
        Optional<TextDocument> document = documents.get(uri);
        if (document.isEmpty()) {
            return; // a change of a document never opened (or not of the program): nothing to apply it to
        }
        documents.put(document.get().apply(params.getTextDocument().getVersion(), params.getContentChanges()));
        validator.changed(uri);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = Uris.normalize(params.getTextDocument().getUri());
        if (!Uris.isProgramDocument(uri)) {
            return;
        }
        documents.close(uri);
        validator.changed(uri);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the open text is already what the analysis reads
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return onAnalysis(params.getTextDocument().getUri(),
                doc -> HoverProvider.hover(doc.analysis(), doc.uri(), params.getPosition()).orElse(null), null);
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return onAnalysis(params.getTextDocument().getUri(), doc -> CodeLensProvider.codeLenses(doc.analysis(), doc.uri()), List.of());
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return onAnalysis(params.getTextDocument().getUri(),
                doc -> SemanticTokensProvider.semanticTokens(doc.analysis(), doc.uri()), new SemanticTokens(List.of()));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        // no validation first: the editor asks on every cursor move, for the diagnostics it was sent, which
        // belong to the analysis as it is
        String uri = Uris.normalize(params.getTextDocument().getUri());
        return queue.submit(() -> program.analysed(uri)
                .map(doc -> QuickFixProvider.quickFixes(doc.analysis(), doc.uri(), params.getContext().getDiagnostics()).stream()
                        .map(Either::<Command, CodeAction>forRight).toList())
                .orElse(List.of()));
    }

    <T> CompletableFuture<T> onAnalysis(String rawUri, Function<AnalysedDocument, T> feature, T whenUnknown) {
        String uri = Uris.normalize(rawUri);
        return queue.submit(() -> {
            validator.flushFor(uri);
            return program.analysed(uri).map(feature).orElse(whenUnknown);
        });
    }
}
