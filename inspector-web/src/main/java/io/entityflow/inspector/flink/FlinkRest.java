package io.entityflow.inspector.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.flink.deploy.FlinkRestClient;
import io.entityflow.inspector.api.InspectorError;

import java.net.URI;
import java.util.function.Supplier;

/** Flink's REST API for the inspector's pages: Flink's errors become the inspector's (a 502 naming the URL, 404). */
public final class FlinkRest {
    private final FlinkRestClient client;

    public FlinkRest(URI base) {
        this.client = new FlinkRestClient(base);
    }

    public URI base() {
        return client.base();
    }

    public JsonNode get(String path) {
        return asInspectorErrors(() -> client.get(path));
    }

    public JsonNode post(String path, JsonNode body) {
        return asInspectorErrors(() -> client.post(path, body));
    }

    private JsonNode asInspectorErrors(Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (FlinkRestClient.Unreachable e) {
            throw new InspectorError(502, "flink_unreachable", e.getMessage());
        } catch (FlinkRestClient.Failed e) {
            if (e.status() == 404) {
                throw new InspectorError(404, "flink_not_found", "Flink knows no " + e.path());
            }
            throw new InspectorError(502, "flink_error", e.getMessage());
        }
    }
}
