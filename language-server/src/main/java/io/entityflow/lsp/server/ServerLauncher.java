package io.entityflow.lsp.server;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Connects a server to a client over a pair of streams: stdio for editors, a socket on 127.0.0.1 for debugging. */
public final class ServerLauncher {
    private ServerLauncher() {
    }

    public static Launcher<EntityflowLanguageClient> connect(EntityflowLanguageServer server, InputStream in, OutputStream out) {
        Launcher<EntityflowLanguageClient> launcher = new LSPLauncher.Builder<EntityflowLanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(EntityflowLanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .create();
        server.connect(launcher.getRemoteProxy());
        return launcher;
    }

    /** Serves one client on the streams until it sends {@code exit} or closes them; returns the exit code. */
    public static int serve(InputStream in, OutputStream out) throws InterruptedException {
        EntityflowLanguageServer server = new EntityflowLanguageServer();
        Future<Void> listening = connect(server, in, out).startListening();
        CompletableFuture<Object> streamClosed = CompletableFuture.supplyAsync(() -> {
            try {
                return listening.get();
            } catch (InterruptedException | ExecutionException e) {
                return null;
            }
        });
        Object ended = CompletableFuture.anyOf(server.exited(), streamClosed).join();
        return ended instanceof Integer code ? code : (server.exited().isDone() ? server.exited().join() : 1);
    }

    /** Waits for one client on 127.0.0.1:{@code port} and serves it. */
    public static int serveSocket(int port) throws IOException, InterruptedException {
        try (ServerSocket listener = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
             Socket socket = listener.accept()) {
            return serve(socket.getInputStream(), socket.getOutputStream());
        }
    }
}
