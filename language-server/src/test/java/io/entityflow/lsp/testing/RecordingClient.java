package io.entityflow.lsp.testing;

import io.entityflow.lsp.features.GraphChangedParams;
import io.entityflow.lsp.server.EntityflowLanguageClient;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** The client side of a test connection: records every notification the server sends, and lets tests wait for one. */
public final class RecordingClient implements EntityflowLanguageClient {
    private final List<PublishDiagnosticsParams> diagnostics = new ArrayList<>();
    private final List<GraphChangedParams> graphChanges = new ArrayList<>();
    private final List<MessageParams> logs = new ArrayList<>();
    private final List<RegistrationParams> registrations = new ArrayList<>();

    @Override
    public synchronized void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.add(params);
        notifyAll();
    }

    @Override
    public synchronized void graphChanged(GraphChangedParams params) {
        graphChanges.add(params);
        notifyAll();
    }

    private final List<Long> codeLensRefreshes = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Void> refreshCodeLenses() {
        codeLensRefreshes.add(System.nanoTime());
        notifyAll();
        return CompletableFuture.completedFuture(null);
    }

    public synchronized int codeLensRefreshes() {
        return codeLensRefreshes.size();
    }

    /** Waits for a {@code workspace/codeLens/refresh} request after the first {@code from} ones. */
    public synchronized void awaitCodeLensRefresh(int from) {
        await(codeLensRefreshes, from, any -> true);
    }

    @Override
    public synchronized void logMessage(MessageParams message) {
        logs.add(message);
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
        synchronized (this) {
            registrations.add(params);
        }
        return CompletableFuture.completedFuture(null);
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

    /** Waits for the first publication (in order of arrival, from index {@code from}) that matches. */
    public synchronized PublishDiagnosticsParams awaitDiagnostics(int from, Predicate<PublishDiagnosticsParams> matching) {
        return await(diagnostics, from, matching);
    }

    public synchronized GraphChangedParams awaitGraphChange(int from, Predicate<GraphChangedParams> matching) {
        return await(graphChanges, from, matching);
    }

    private <T> T await(List<T> list, int from, Predicate<T> matching) {
        long deadline = System.currentTimeMillis() + 30_000;
        int next = from;
        while (true) {
            for (; next < list.size(); next++) {
                if (matching.test(list.get(next))) {
                    return list.get(next);
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no matching notification within 30 s; got " + list);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Forgets what was recorded (a long benchmark must not measure its own client's memory). */
    public synchronized void forget() {
        diagnostics.clear();
        graphChanges.clear();
        logs.clear();
    }

    public synchronized int diagnosticsCount() {
        return diagnostics.size();
    }

    public synchronized int graphChangeCount() {
        return graphChanges.size();
    }

    public synchronized List<PublishDiagnosticsParams> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public synchronized List<MessageParams> warnings() {
        return logs.stream().filter(m -> m.getType() == MessageType.Warning).toList();
    }

    public synchronized List<MessageParams> errors() {
        return logs.stream().filter(m -> m.getType() == MessageType.Error).toList();
    }

    public synchronized List<RegistrationParams> registrations() {
        return List.copyOf(registrations);
    }
}
