package io.entityflow.inspector.web;

import io.entityflow.inspector.InspectorOptions;
import io.entityflow.inspector.api.InspectorError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector's HTTP hardening, on a real Javalin server with a few routes (no Flink). */
class InspectorServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private InspectorServer server;

    private InspectorServer start(InspectorOptions options) {
        server = new InspectorServer(options, routes -> {
            routes.get("/api/ok", ctx -> ctx.contentType("application/json").result("{\"ok\":true}"));
            routes.get("/api/missing", ctx -> {
                throw InspectorError.notFound("unknown_key", "no Item with key x");
            });
            routes.get("/api/bug", ctx -> {
                throw new IllegalStateException("secret internals at io.entityflow.Something");
            });
            routes.post("/api/act", ctx -> ctx.contentType("application/json").result("{\"done\":true}"));
            routes.sse("/api/stream", client -> {
                client.sendEvent("tick", "1");
                client.close();
            });
        }).start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a Host header of our choosing (HttpClient refuses to set it). */
    private String rawGet(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void eventStreamsAskProxiesNotToHoldThemBack() throws Exception {
        // code-server's port proxy compresses, and so buffers, a stream unless it is marked no-transform
        start(InspectorOptions.loopback(0));
        HttpResponse<String> stream = get("/api/stream", "Accept", "text/event-stream");
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(String.join(", ", stream.headers().allValues("Cache-Control"))).contains("no-transform").contains("no-cache");
        assertThat(stream.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        assertThat(stream.body()).contains("event: tick").contains("data: 1");
    }

    @Test
    void everyResponseCarriesAStrictContentSecurityPolicy() throws Exception {
        start(InspectorOptions.loopback(0));
        for (String path : new String[] {"/", "/app.js", "/api/ok", "/api/missing", "/api/nothing-here"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValue(InspectorServer.CSP);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        assertThat(InspectorServer.CSP).contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe");
    }

    @Test
    void errorsAreJsonWithoutStackTraces() throws Exception {
        start(InspectorOptions.loopback(0));
        HttpResponse<String> missing = get("/api/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"unknown_key\",\"message\":\"no Item with key x\"}");
        HttpResponse<String> bug = get("/api/bug");
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(bug.body()).contains("\"error\":\"internal\"").doesNotContain("secret").doesNotContain("at io.");
        HttpResponse<String> unknown = get("/api/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void onLoopbackItAnswersOnlyRequestsForLoopbackNames() throws Exception {
        start(InspectorOptions.loopback(0));
        assertThat(rawGet("/api/ok", "127.0.0.1:" + server.port())).contains("200");
        assertThat(rawGet("/api/ok", "localhost:" + server.port())).contains("200");
        assertThat(rawGet("/api/ok", "evil.example:" + server.port())).as("DNS rebinding").contains("403");
    }

    @Test
    void actionsNeedTheInspectorsHeader() throws Exception {
        start(InspectorOptions.loopback(0));
        assertThat(post("/api/act").statusCode()).isEqualTo(403);
        assertThat(post("/api/act").body()).contains(InspectorServer.ACTION_HEADER);
        assertThat(post("/api/act", InspectorServer.ACTION_HEADER, "1").statusCode()).isEqualTo(200);
    }

    @Test
    void withATokenEveryRequestNeedsIt() throws Exception {
        start(new InspectorOptions("127.0.0.1", 0, "s3cret"));
        HttpResponse<String> refused = get("/api/ok");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("unauthorized");
        assertThat(get("/").statusCode()).as("the page too").isEqualTo(401);
        assertThat(get("/api/ok", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/ok", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        HttpResponse<String> opened = get("/?token=s3cret");
        assertThat(opened.statusCode()).isEqualTo(200);
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(get("/api/ok", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode())
                .as("the page's later requests carry the cookie").isEqualTo(200);
    }
}
