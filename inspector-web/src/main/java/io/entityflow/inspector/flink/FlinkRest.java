package io.entityflow.inspector.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.inspector.api.InspectorError;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Flink's REST API, as JSON; an unreachable or failing Flink becomes a 502 naming the URL. */
public final class FlinkRest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    public FlinkRest(URI base) {
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
        return send(HttpRequest.newBuilder(resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/json")
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
            throw new InspectorError(502, "flink_unreachable", "Flink's REST API at " + base + " does not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InspectorError(503, "interrupted", "interrupted while asking Flink");
        }
        JsonNode body;
        try {
            body = response.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(response.body());
        } catch (IOException e) {
            throw new InspectorError(502, "flink_bad_answer", "Flink answered " + request.uri().getPath() + " with no JSON");
        }
        if (response.statusCode() == 404) {
            throw new InspectorError(404, "flink_not_found", "Flink knows no " + request.uri().getPath());
        }
        if (response.statusCode() >= 400) {
            JsonNode errors = body.path("errors");
            String first = errors.isArray() && !errors.isEmpty() ? errors.get(0).asText().lines().findFirst().orElse("") : "";
            throw new InspectorError(502, "flink_error", "Flink answered " + response.statusCode() + " to "
                    + request.uri().getPath() + (first.isEmpty() ? "" : ": " + first));
        }
        return body;
    }
}
