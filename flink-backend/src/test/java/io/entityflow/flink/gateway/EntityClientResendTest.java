package io.entityflow.flink.gateway;

import io.entityflow.flink.gateway.client.EntityClient;
import io.entityflow.flink.gateway.client.EntityClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A connection that breaks before any answer: a request with an idempotency key is sent again (safe: the
 * entity runs it once), one without is reported, never resent (it may have run). A raw socket server
 * resets the first connection and answers the next.
 */
class EntityClientResendTest {
    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    int contentLength = 0;
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            contentLength = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    in.skip(contentLength);
                    if (connections.incrementAndGet() == 1) {
                        socket.setSoLinger(true, 0); // reset, no answer
                        continue;
                    }
                    byte[] body = "{\"result\":7}".getBytes(StandardCharsets.US_ASCII);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(2_000);
    }

    private EntityClient client() {
        return EntityClient.connect(URI.create("http://127.0.0.1:" + server.getLocalPort()));
    }

    @Test
    void aRequestWithAnIdempotencyKeyIsSentAgainAfterAReset() {
        assertThat(client().withIdempotencyKey("deposit-1").call("Account", "acc", "deposit", 1).asInt()).isEqualTo(7);
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aRequestWithoutOneIsReportedNotResent() {
        assertThatThrownBy(() -> client().call("Account", "acc", "deposit", 1)).isInstanceOf(EntityClientException.class)
                .hasMessageContaining("no answer from");
        assertThat(connections.get()).isEqualTo(1);
    }
}
