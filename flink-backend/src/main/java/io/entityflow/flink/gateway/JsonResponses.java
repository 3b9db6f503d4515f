package io.entityflow.flink.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.api.gateway.GatewayError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Writes every answer of the gateway as JSON: values, and errors as {@code {"error":{"code","message"
 * [,"type"]}}}. An error the gateway did not expect is logged with its stack trace and answered with a
 * bare 500, so no client ever sees a stack trace or an HTML page.
 */
final class JsonResponses {
    private static final Logger LOG = LoggerFactory.getLogger(JsonResponses.class);
    static final String JSON = "application/json";
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    JsonResponses(ObjectMapper mapper, long maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    void write(HttpExchange exchange, int status, Object body) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("cannot write the answer to {} {} as JSON", exchange.method(), exchange.path(), e);
            error(exchange, new GatewayError(500, "internal_error", "the result cannot be written as JSON; the gateway's log has the details"));
            return;
        }
        exchange.respond(status, JSON, json);
    }

    /** Answers when {@code result} completes: {@code status} with {@code body(value)}, or the error it failed with. */
    <T> void later(HttpExchange exchange, CompletableFuture<T> result, int status, Function<? super T, Object> body) {
        result.whenComplete((value, failure) -> {
            if (failure != null) {
                error(exchange, failure);
            } else {
                try {
                    write(exchange, status, body.apply(value));
                } catch (RuntimeException e) {
                    error(exchange, e);
                }
            }
        });
    }

    void error(HttpExchange exchange, Throwable failure) {
        GatewayError error = asGatewayError(exchange, unwrap(failure));
        exchange.respond(error.status(), JSON, errorBody(mapper, error).toString().getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode errorBody(ObjectMapper mapper, GatewayError error) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode details = body.putObject("error");
        details.put("code", error.code());
        details.put("message", error.getMessage());
        if (error.type() != null) {
            details.put("type", error.type());
        }
        return body;
    }

    private static GatewayError asGatewayError(HttpExchange exchange, Throwable failure) {
        return failure instanceof GatewayError error ? error : internal(exchange, failure);
    }

    /** A request the server refused before routing it: a malformed request, or a body over the limit. */
    GatewayError refused(HttpExchange.Refusal refusal) {
        return refusal.status() == 413 ? bodyTooLarge(maxBodyBytes)
                : new GatewayError(refusal.status(), "http_" + refusal.status(), refusal.message());
    }

    static GatewayError notFound(String method, String path) {
        return new GatewayError(404, "not_found", "no route " + method + " " + path
                + "; the entity API: POST /entities/{Type}, POST /entities/{Type}/{key}/{method}, GET /entities/{Type}/{key}, GET /health");
    }

    static GatewayError bodyTooLarge(long maxBodyBytes) {
        return new GatewayError(413, "body_too_large", "the body is larger than this gateway's limit of " + maxBodyBytes + " bytes");
    }

    private static GatewayError internal(HttpExchange exchange, Throwable failure) {
        LOG.error("unexpected failure answering {} {}", exchange.method(), exchange.path(), failure);
        return new GatewayError(500, "internal_error", "unexpected error in the gateway; its log has the details");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
