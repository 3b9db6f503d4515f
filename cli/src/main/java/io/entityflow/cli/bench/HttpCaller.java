package io.entityflow.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.flink.gateway.client.EntityClient;
import io.entityflow.flink.gateway.client.EntityClientException;
import io.entityflow.ir.runtime.EntityRef;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Calls through the HTTP gateway with the Java client, asynchronously: what a remote client sees. */
final class HttpCaller implements Caller {
    private final EntityClient client;

    HttpCaller(EntityClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Object> create(String type, Object... args) {
        return plain(client.createAsync(type, args));
    }

    @Override
    public CompletableFuture<Object> call(EntityRef target, String method, Object... args) {
        return plain(client.callAsync(target.type(), target.key(), method, args));
    }

    private static CompletableFuture<Object> plain(CompletableFuture<JsonNode> answer) {
        return answer.handle((json, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                boolean refused = cause instanceof EntityClientException error && error.status() >= 400 && error.status() < 500;
                throw new FailedOperation(cause.getMessage(), cause, refused);
            }
            return value(json);
        });
    }

    /** The JSON answer as the Java value the engine would have given (numbers of the sample are longs). */
    static Object value(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return null;
        }
        if (json.isTextual()) {
            return json.asText();
        }
        if (json.isIntegralNumber()) {
            return json.asLong();
        }
        if (json.isBoolean()) {
            return json.asBoolean();
        }
        return json;
    }
}
