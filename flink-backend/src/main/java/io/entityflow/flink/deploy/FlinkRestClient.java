package io.entityflow.flink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Flink's REST API as JSON, for deploying and for the inspector. A Flink that does not answer fails
 * within seconds ({@link Unreachable}); an error answer becomes a {@link Failed} with Flink's first line.
 */
public final class FlinkRestClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Running a jar builds its job graph on the JobManager first. */
    private static final Duration SLOW_TIMEOUT = Duration.ofSeconds(90);
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ObjectMapper mapper = new ObjectMapper();

    /** Flink answered with an error status. */
    public static final class Failed extends DeployException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String path;

        Failed(int status, String path, String message) {
            super(message);
            this.status = status;
            this.path = path;
        }

        public int status() {
            return status;
        }

        public String path() {
            return path;
        }
    }

    /** Nothing answered at the address, or not in time, or not Flink's JSON. */
    public static final class Unreachable extends DeployException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    public FlinkRestClient(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).timeout(TIMEOUT).GET().build());
    }

    public JsonNode post(String path, JsonNode body) {
        return post(path, body, TIMEOUT);
    }

    /** A POST that may take long on Flink's side (running a jar). */
    public JsonNode postSlow(String path, JsonNode body) {
        return post(path, body, SLOW_TIMEOUT);
    }

    public JsonNode patch(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).timeout(TIMEOUT)
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    public JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).timeout(TIMEOUT).DELETE().build());
    }

    /** Uploads a jar ({@code POST /jars/upload}, multipart field {@code jarfile}). */
    public JsonNode uploadJar(Path jar) throws IOException {
        String boundary = "entityflow-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(resolve("jars/upload")).timeout(SLOW_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private JsonNode post(String path, JsonNode body, Duration timeout) {
        return send(HttpRequest.newBuilder(resolve(path)).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable("Flink's REST API at " + base + " does not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is the cluster running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while asking Flink at " + base);
        }
        JsonNode body;
        try {
            body = response.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(response.body());
        } catch (IOException e) {
            throw new Unreachable("what answers at " + base + " is not Flink's REST API: " + request.uri().getPath()
                    + " gave no JSON (status " + response.statusCode() + ")");
        }
        if (response.statusCode() >= 400) {
            JsonNode errors = body.path("errors");
            String first = errors.isArray() && !errors.isEmpty() ? firstMeaningfulLine(errors) : "";
            throw new Failed(response.statusCode(), request.uri().getPath(), "Flink answered " + response.statusCode()
                    + " to " + request.method() + " " + request.uri().getPath() + (first.isEmpty() ? "" : ": " + first));
        }
        return body;
    }

    /** Flink puts a stack trace in its errors; the line worth showing is the deepest "Caused by" or the first. */
    private static String firstMeaningfulLine(JsonNode errors) {
        String all = errors.get(errors.size() - 1).asText();
        String cause = null;
        for (String line : all.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause != null ? cause : errors.get(0).asText().lines().findFirst().orElse("");
    }
}
