package io.entityflow.flink.gateway;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.codegen.CompiledProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP API over the runtime's logic in memory (no Flink): answers, status codes, error bodies, limits,
 * readiness and authentication. {@code GatewayIT} repeats the essentials against the real job.
 */
class GatewayHttpTest {
    private static CompiledProgram program;
    private static InMemoryJob job;
    private static Gateway gateway;
    private static HttpProbe http;

    @BeforeAll
    static void start() throws Exception {
        program = CompiledProgram.compile(ArgumentConversionTest.FIXTURE);
        job = new InMemoryJob(program.classes());
        gateway = new Gateway(program, job, GatewayOptions.defaults().withPort(0).withMaxBodyBytes(4096)).start();
        gateway.markReady();
        http = new HttpProbe(gateway.url());
        assertThat(http.post("/entities/Crate", "{\"args\":[7, 3]}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A started gateway (not yet marked ready) over a job that never answers: each request waits out the timeout. */
    private static Gateway overASilentJob(Duration responseTimeout) {
        InMemoryJob silent = new InMemoryJob(program.classes());
        silent.stopAnswering();
        return new Gateway(program, silent, GatewayOptions.defaults().withPort(0).withResponseTimeout(responseTimeout)).start();
    }

    @Test
    void createsCallsAndReadsState() {
        HttpProbe.Answer created = http.post("/entities/depot.Shelf", "{\"args\":[\"north\", 5]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().toString()).isEqualTo("{\"key\":\"north\"}");
        assertThat(http.post("/entities/Shelf/north/getCapacity", "{\"args\":[]}").json().toString()).isEqualTo("{\"result\":5}");
        assertThat(http.post("/entities/Shelf/north/getCapacity", "").json().toString()).as("an empty body means no arguments")
                .isEqualTo("{\"result\":5}");
        HttpProbe.Answer resized = http.post("/entities/Shelf/north/resize", "{\"args\":[8]}");
        assertThat(resized.status()).isEqualTo(200);
        assertThat(resized.json().toString()).isEqualTo("{\"result\":null}");
        assertThat(http.post("/entities/Shelf/north/store", "{\"args\":[{\"crate\":7,\"count\":2}]}").json().toString())
                .isEqualTo("{\"result\":1}");
        assertThat(http.post("/entities/Shelf/north/crateSize", "{\"args\":[{\"type\":\"depot.Crate\",\"key\":7}]}").json().toString())
                .as("a split method: the shelf asks the crate").isEqualTo("{\"result\":3}");
        assertThat(http.post("/entities/Shelf/north/firstCrate", null).json().toString())
                .isEqualTo("{\"result\":{\"type\":\"depot.Crate\",\"key\":7}}");
        HttpProbe.Answer state = http.get("/entities/Shelf/north");
        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().toString()).isEqualTo("{\"name\":\"north\",\"capacity\":8,"
                + "\"slots\":[{\"crate\":{\"type\":\"depot.Crate\",\"key\":7},\"count\":2}],\"counts\":{},\"tag\":\"PLAIN\"}");
        assertThat(http.get("/entities/Crate/7").json().toString()).isEqualTo("{\"id\":7,\"size\":3}");
    }

    @Test
    void keysInUrlsArePercentDecoded() {
        assertThat(http.post("/entities/Shelf", "{\"args\":[\"a b/c\"]}").json().toString()).isEqualTo("{\"key\":\"a b/c\"}");
        assertThat(http.get("/entities/Shelf/a%20b%2Fc").json().path("name").asText()).isEqualTo("a b/c");
    }

    @Test
    void failuresInTheJobHaveTheirOwnStatus() {
        http.post("/entities/Shelf", "{\"args\":[\"twice\"]}");
        HttpProbe.Answer again = http.post("/entities/Shelf", "{\"args\":[\"twice\", 3]}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().toString()).isEqualTo("{\"error\":{\"code\":\"entity_exists\",\"message\":"
                + "\"entity Shelf(twice) already exists\",\"type\":\"io.entityflow.api.EntityExistsException\"}}");
        HttpProbe.Answer unknown = http.post("/entities/Shelf/nobody/getCapacity", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().toString()).isEqualTo("{\"error\":{\"code\":\"unknown_key\",\"message\":"
                + "\"no entity Shelf(nobody)\",\"type\":\"io.entityflow.api.NoSuchEntityException\"}}");
        assertThat(http.get("/entities/Crate/99").status()).isEqualTo(404);
        HttpProbe.Answer refused = http.post("/entities/Shelf", "{\"args\":[\"neg\", -1]}");
        assertThat(refused.status()).as("the constructor threw").isEqualTo(422);
        assertThat(refused.json().toString()).isEqualTo("{\"error\":{\"code\":\"entity_exception\",\"message\":"
                + "\"capacity must not be negative\",\"type\":\"io.entityflow.api.EntityException\"}}");
        assertThat(http.get("/entities/Shelf/neg").status()).as("a refused create creates nothing").isEqualTo(404);
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsSubmitted() {
        http.post("/entities/Shelf", "{\"args\":[\"guarded\", 4]}");
        String before = http.get("/entities/Shelf/guarded").text();
        int submitted = job.submitted().size();
        record Bad(String method, String path, String body, int status, String code, String message) {
        }
        String callable = "callable methods: count, crateSize, describe, echo, firstCrate, getCapacity, getSlots, getTag, ids,"
                + " label, resize, store, storeAll, sum, total";
        List<Bad> table = List.of(
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":[1,}", 400, "malformed_json",
                        "malformed JSON at line 1, column 12: Unexpected character ('}' (code 125)): expected a value"),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":[1]} x", 400, "malformed_json", null),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":[1],\"args\":[2]}", 400, "malformed_json", null),
                new Bad("POST", "/entities/Shelf/guarded/resize", "[1]", 400, "bad_body",
                        "the body must be a JSON object {\"args\":[...]}, got an array"),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{}", 400, "bad_body",
                        "the body has no \"args\": send {\"args\":[...]} (an empty body means no arguments)"),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"arg\":[1]}", 400, "bad_body",
                        "unknown field \"arg\" in the body; it has only \"args\""),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":1}", 400, "bad_body",
                        "\"args\" must be an array of the arguments, got a number"),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":[]}", 400, "wrong_argument_count",
                        "depot.Shelf.resize takes 1 argument (int capacity), got 0"),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":[\"x\"]}", 400, "bad_argument",
                        "argument 1 (capacity) of depot.Shelf.resize: expected int, got \"x\""),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":[2147483648]}", 400, "bad_argument",
                        "argument 1 (capacity) of depot.Shelf.resize: 2147483648 is out of range for int (-2147483648 to 2147483647)"),
                new Bad("POST", "/entities/Shelf/guarded/fly", "{\"args\":[]}", 404, "unknown_method",
                        "depot.Shelf has no method fly; " + callable),
                new Bad("POST", "/entities/Shelf/guarded/secret", "{\"args\":[]}", 404, "unknown_method",
                        "depot.Shelf.secret cannot be called: it is not public; " + callable),
                new Bad("POST", "/entities/Shelf/guarded/helper", "{\"args\":[]}", 404, "unknown_method",
                        "depot.Shelf.helper cannot be called: it is static; " + callable),
                new Bad("POST", "/entities/Shelf/guarded/$state", "{\"args\":[]}", 404, "unknown_method",
                        "depot.Shelf has no method $state; " + callable),
                new Bad("POST", "/entities/Foo/guarded/resize", "{\"args\":[1]}", 404, "unknown_type",
                        "no entity type Foo; the program has depot.Crate, depot.Shelf"),
                new Bad("GET", "/entities/Foo/guarded", null, 404, "unknown_type", "no entity type Foo; the program has depot.Crate, depot.Shelf"),
                new Bad("POST", "/entities/Crate/seven/getSize", "", 400, "bad_key", "key of depot.Crate: expected long, got \"seven\""),
                new Bad("POST", "/entities/Shelf", "{\"args\":[\"x\", 1, 2]}", 400, "wrong_argument_count", "depot.Shelf has no public"
                        + " constructor with 3 arguments; its constructors: new depot.Shelf(String name), new depot.Shelf(String name, int capacity)"),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":[" + "1,".repeat(3000) + "1]}", 413, "body_too_large",
                        "the body is larger than this gateway's limit of 4096 bytes"),
                new Bad("POST", "/entities/Shelf/guarded/resize", "{\"args\":[1]}", 400, "bad_idempotency_key", null),
                new Bad("PUT", "/entities/Shelf/guarded/resize", "{\"args\":[1]}", 404, "not_found", null),
                new Bad("GET", "/nowhere", null, 404, "not_found", "no route GET /nowhere; the entity API: POST /entities/{Type},"
                        + " POST /entities/{Type}/{key}/{method}, GET /entities/{Type}/{key}, GET /health"));
        for (Bad bad : table) {
            String[] headers = bad.code().equals("bad_idempotency_key") ? new String[]{"Idempotency-Key", " "} : new String[0];
            HttpProbe.Answer answer = http.send(bad.method(), bad.path(), bad.body(), headers);
            assertThat(answer.status()).as("%s %s %s: %s", bad.method(), bad.path(), bad.body(), answer.text()).isEqualTo(bad.status());
            assertThat(answer.errorCode()).as("%s %s %s", bad.method(), bad.path(), bad.body()).isEqualTo(bad.code());
            if (bad.message() != null) {
                assertThat(answer.errorMessage()).as("%s %s %s", bad.method(), bad.path(), bad.body()).isEqualTo(bad.message());
            }
        }
        assertThat(job.submitted()).as("nothing reached the job").hasSize(submitted);
        assertThat(http.get("/entities/Shelf/guarded").text()).isEqualTo(before);
    }

    @Test
    void requestsTheServerCannotParseAreRefusedInJsonToo() {
        // java.net.http refuses to send these, so they go over a plain socket
        String escape = http.raw("GET /entities/Shelf/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(escape).startsWith("HTTP/1.1 400 ").containsIgnoringCase("Content-Type: application/json")
                .contains("{\"error\":{\"code\":\"bad_path\",\"message\":\"the path /entities/Shelf/%zz is not valid percent-encoding\"}}");
        String version = http.raw("GET /health HTTP/9.x\r\nHost: localhost\r\n\r\n");
        assertThat(version).as("the server closes the connection after a request it cannot parse").startsWith("HTTP/1.1 400 ")
                .containsIgnoringCase("Content-Type: application/json").contains("{\"error\":{\"code\":\"http_400\",")
                .contains("malformed HTTP request").doesNotContain("<html");
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrder() {
        try (Gateway slow = overASilentJob(Duration.ofMillis(300))) {
            slow.markReady();
            // the first answer comes last (a 504 after 300 ms); the two behind it are ready at once
            String answers = new HttpProbe(slow.url()).raw(
                    "POST /entities/Shelf HTTP/1.1\r\nHost: localhost\r\nContent-Length: 14\r\n\r\n{\"args\":[\"p\"]}"
                    + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /nowhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answers).containsSubsequence("HTTP/1.1 504 ", "\"code\":\"timeout\"", "HTTP/1.1 200 ", "{\"status\":\"ok\"}",
                    "HTTP/1.1 404 ", "\"code\":\"not_found\"");
            // a long burst behind a slow request is answered in full once it is (the queue drains in a loop)
            String burst = new HttpProbe(slow.url()).raw(
                    "POST /entities/Shelf HTTP/1.1\r\nHost: localhost\r\nContent-Length: 14\r\n\r\n{\"args\":[\"q\"]}"
                    + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(5000)
                    + "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(burst).startsWith("HTTP/1.1 504 ");
            assertThat(burst.split("HTTP/1.1 200 ", -1)).hasSize(5002);
        }
    }

    @Test
    void aClientPipeliningBehindAnUnansweredRequestIsNotReadWithoutBound() throws Exception {
        try (Gateway slow = overASilentJob(Duration.ofSeconds(30));
             Socket socket = new Socket(slow.url().getHost(), slow.url().getPort())) {
            slow.markReady();
            OutputStream out = socket.getOutputStream();
            out.write("POST /entities/Shelf HTTP/1.1\r\nHost: localhost\r\nContent-Length: 14\r\n\r\n{\"args\":[\"p\"]}"
                    .getBytes(StandardCharsets.US_ASCII));
            // the connection reads on while the first request is answered (no request waits behind it), so the
            // server takes a first chunk of what follows; once one request waits it must stop reading, and the
            // client's sends block when the sockets' buffers (a few MB on loopback) are full
            byte[] chunk = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(1000)
                    .getBytes(StandardCharsets.US_ASCII);
            AtomicLong sent = new AtomicLong();
            Thread sender = new Thread(() -> {
                try {
                    while (sent.get() < 256L << 20) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                } catch (IOException closed) {
                    // the socket closes at the end of the test
                }
            });
            sender.setDaemon(true);
            sender.start();
            long last = -1;
            while (sent.get() != last && sent.get() < 256L << 20) { // until sending stalls for half a second
                last = sent.get();
                Thread.sleep(500);
            }
            assertThat(sent.get()).as("bytes the client could send behind an unanswered request").isLessThan(64L << 20);
            assertThat(sender.isAlive()).as("the client is held back by TCP, its connection still open").isTrue();
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndTheConnectionStaysUsable() {
        String body = "{\"args\":[\"" + "x".repeat(5000) + "\"]}";
        String answers = http.raw("POST /entities/Shelf HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body + "GET /entities/Crate/7 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answers).containsSubsequence("HTTP/1.1 413 ", "\"code\":\"body_too_large\"", "HTTP/1.1 200 ", "{\"id\":7,\"size\":3}");
    }

    @Test
    void aBodyOverTheLimitWithExpectContinueIsRefusedInJsonWithoutAContinue() {
        String answer = http.raw("POST /entities/Shelf HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n"
                + "Expect: 100-continue\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"code\":\"body_too_large\"").doesNotContain("100 Continue");
    }

    @Test
    void httpOneZeroKeepAliveAndAbsoluteFormRequestsAreServed() {
        String answers = http.raw("GET http://localhost/entities/Crate/7 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                + "GET /entities/Crate/7?x=1 HTTP/1.0\r\n\r\n");
        assertThat(answers).as("the answer to an HTTP/1.0 keep-alive request says it keeps the connection")
                .startsWith("HTTP/1.0 200 ").containsIgnoringCase("Connection: keep-alive")
                .containsSubsequence("{\"id\":7,\"size\":3}", "HTTP/1.0 200 ", "{\"id\":7,\"size\":3}");
    }

    @Test
    void requestsSentAfterOneThatClosesTheConnectionAreNotRun() {
        int submitted = job.submitted().size();
        String answers = http.raw("GET /entities/Crate/7 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                + "POST /entities/Shelf HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\n\r\n{\"args\":[\"ghost\"]}");
        assertThat(answers).startsWith("HTTP/1.1 200 ").containsOnlyOnce("HTTP/1.1");
        assertThat(job.submitted()).as("only the read was submitted").hasSize(submitted + 1);
        assertThat(http.get("/entities/Shelf/ghost").status()).isEqualTo(404);
    }

    @Test
    void aClientThatShutsItsSideAfterTheRequestStillGetsTheAnswer() throws Exception {
        try (Gateway slow = overASilentJob(Duration.ofMillis(300));
             Socket socket = new Socket(slow.url().getHost(), slow.url().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("POST /entities/Shelf HTTP/1.1\r\nHost: localhost\r\nContent-Length: 14\r\n\r\n{\"args\":[\"h\"]}"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput(); // the answer (a 504 after 300 ms) comes after the client's end of input
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 504 ").contains("\"code\":\"timeout\"");
        }
    }

    @Test
    void aRefusedCredentialAsksForABearerToken() {
        GatewayOptions options = GatewayOptions.defaults().withPort(0).withToken("s3cret");
        try (Gateway guarded = new Gateway(program, new InMemoryJob(program.classes()), options).start()) {
            String answer = new HttpProbe(guarded.url()).raw("GET /entities/Crate/7 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 401 ").containsIgnoringCase("WWW-Authenticate: Bearer");
        }
    }

    @Test
    void theIdempotencyKeyIsTheRequestId() {
        http.post("/entities/Shelf", "{\"args\":[\"keyed\"]}", "Idempotency-Key", "create-keyed-1");
        http.post("/entities/Shelf/keyed/resize", "{\"args\":[3]}", "Idempotency-Key", "resize-keyed-1");
        http.post("/entities/Shelf/keyed/resize", "{\"args\":[4]}");
        List<Envelope> sent = job.submitted();
        assertThat(sent.get(sent.size() - 3).requestId()).isEqualTo("create-keyed-1");
        assertThat(sent.get(sent.size() - 3).kind()).isEqualTo(Envelope.Kind.CREATE);
        assertThat(sent.get(sent.size() - 2).requestId()).isEqualTo("resize-keyed-1");
        // without a key the gateway makes an id in the reserved form, whose result is not recorded
        assertThat(sent.get(sent.size() - 1).requestId()).matches("\\$[0-9a-z]+-[0-9a-z]+");
        int before = job.submitted().size();
        var reserved = http.post("/entities/Shelf/keyed/resize", "{\"args\":[5]}", "Idempotency-Key", "$mine");
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.text()).contains("bad_idempotency_key").contains("must not start with '$'");
        assertThat(job.submitted()).hasSize(before);
    }

    @Test
    void healthAnswers503UntilReady() {
        InMemoryJob idle = new InMemoryJob(program.classes());
        try (Gateway starting = new Gateway(program, idle, GatewayOptions.defaults().withPort(0)).start()) {
            HttpProbe probe = new HttpProbe(starting.url());
            HttpProbe.Answer before = probe.get("/health");
            assertThat(before.status()).isEqualTo(503);
            assertThat(before.json().toString()).isEqualTo("{\"status\":\"starting\"}");
            starting.markReady();
            HttpProbe.Answer after = probe.get("/health");
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.json().toString()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void aJobThatDoesNotAnswerInTimeGives504() {
        try (Gateway slow = overASilentJob(Duration.ofMillis(300))) {
            HttpProbe.Answer answer = new HttpProbe(slow.url()).post("/entities/Shelf", "{\"args\":[\"late\"]}");
            assertThat(answer.status()).isEqualTo(504);
            assertThat(answer.errorCode()).isEqualTo("timeout");
            assertThat(answer.errorMessage()).isEqualTo("no answer from the entity job within 300 ms; the request may still"
                    + " take effect: retry it with the same Idempotency-Key to learn its outcome");
        }
    }

    @Test
    void aTokenIsRequiredWhenConfiguredAndOffLoopback() {
        GatewayOptions options = GatewayOptions.defaults().withPort(0).withToken("s3cret");
        try (Gateway guarded = new Gateway(program, new InMemoryJob(program.classes()), options).start()) {
            guarded.markReady();
            HttpProbe probe = new HttpProbe(guarded.url());
            HttpProbe.Answer missing = probe.post("/entities/Shelf", "{\"args\":[\"t\"]}");
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.json().toString()).isEqualTo("{\"error\":{\"code\":\"unauthorized\",\"message\":"
                    + "\"this gateway requires the header Authorization: Bearer <token>\"}}");
            assertThat(probe.post("/entities/Shelf", "{\"args\":[\"t\"]}", "Authorization", "Bearer wrong").errorMessage())
                    .isEqualTo("wrong bearer token");
            assertThat(probe.post("/entities/Shelf", "{\"args\":[\"t\"]}", "Authorization", "Basic czNjcmV0").status()).isEqualTo(401);
            assertThat(probe.get("/nowhere").status()).as("unknown routes are not revealed either").isEqualTo(401);
            assertThat(probe.get("/health").status()).as("probes need no token").isEqualTo(200);
            assertThat(probe.post("/entities/Shelf", "{\"args\":[\"t\"]}", "Authorization", "Bearer s3cret").status()).isEqualTo(201);
        }
        assertThatThrownBy(() -> new Gateway(program, job, GatewayOptions.defaults().withHost("0.0.0.0")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without a bearer token");
        assertThat(GatewayOptions.defaults().withToken("s3cret").toString()).doesNotContain("s3cret");
    }
}
