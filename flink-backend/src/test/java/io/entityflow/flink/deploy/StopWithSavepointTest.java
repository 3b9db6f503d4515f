package io.entityflow.flink.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code entityflow stop --savepoint} against a job that is recovering from a failure: Flink answers the stop
 * with "Checkpoint Coordinator is suspending" until the job runs again, and the stop must be asked for again
 * then rather than fail. The cluster's side is Flink's REST protocol for stop-with-savepoint, played by a
 * small HTTP server that answers as Flink 1.20 does (a real cluster cannot be made to recover on cue).
 */
class StopWithSavepointTest {
    private static final String JOB = "0123456789abcdef0123456789abcdef";
    private HttpServer server;
    private final AtomicInteger stops = new AtomicInteger();
    /** Job states the server reports, one per request for the job, the last one repeated. */
    private final Deque<String> states = new ArrayDeque<>();
    /** The outcome of each stop request in turn: a savepoint location, or a failure's first line. */
    private final Deque<String> outcomes = new ArrayDeque<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void close() {
        server.stop(0);
    }

    @Test
    void aStopDuringRecoveryIsAskedForAgainOnceTheJobRuns() throws Exception {
        outcomes.add("failure:org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.");
        outcomes.add("location:file:/tmp/savepoints/savepoint-0123-abcdef");
        states.add("RESTARTING");
        states.add("RESTARTING");
        states.add("RUNNING");

        String location = new ClusterJobs(uri()).stop(JOB, "/tmp/savepoints");

        assertThat(location).isEqualTo("file:/tmp/savepoints/savepoint-0123-abcdef");
        assertThat(stops).hasValue(2);
    }

    @Test
    void theRecoveryIsRecognisedInACausedByLineToo() throws Exception {
        outcomes.add("failure:java.util.concurrent.CompletionException: stop failed\\nCaused by: "
                + "org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.");
        outcomes.add("location:file:/tmp/savepoints/savepoint-4567-abcdef");
        states.add("RUNNING");

        assertThat(new ClusterJobs(uri()).stop(JOB, "/tmp/savepoints")).endsWith("savepoint-4567-abcdef");
        assertThat(stops).hasValue(2);
    }

    @Test
    void aStopThatFailsForAnotherReasonFailsAtOnce() {
        outcomes.add("failure:java.io.IOException: target directory is not writable");
        states.add("RUNNING");

        assertThatThrownBy(() -> new ClusterJobs(uri()).stop(JOB, "/nope"))
                .isInstanceOf(DeployException.class).hasMessageContaining("not writable");
        assertThat(stops).hasValue(1);
    }

    @Test
    void aJobThatFailsForGoodWhileRecoveringIsReported() {
        outcomes.add("failure:org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.");
        states.add("RESTARTING");
        states.add("FAILED");

        assertThatThrownBy(() -> new ClusterJobs(uri()).stop(JOB, "/tmp/savepoints"))
                .isInstanceOf(DeployException.class).hasMessageContaining("did not run again");
        assertThat(stops).hasValue(1);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        if (exchange.getRequestMethod().equals("POST") && path.equals("/jobs/" + JOB + "/stop")) {
            body = "{\"request-id\":\"trigger-" + stops.incrementAndGet() + "\"}";
        } else if (path.startsWith("/jobs/" + JOB + "/savepoints/trigger-")) {
            String outcome = outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
            body = outcome.startsWith("location:")
                    ? "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"" + outcome.substring(9) + "\"}}"
                    : "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"failure-cause\":{\"class\":\"x\",\"stack-trace\":\""
                    + outcome.substring(8) + "\\n\\tat somewhere\"}}}";
        } else if (path.equals("/jobs/" + JOB)) {
            String state = states.size() > 1 ? states.poll() : states.peek();
            body = "{\"jid\":\"" + JOB + "\",\"state\":\"" + state + "\"}";
        } else {
            body = "{\"errors\":[\"not found\"]}";
            send(exchange, 404, body);
            return;
        }
        send(exchange, 200, body);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
