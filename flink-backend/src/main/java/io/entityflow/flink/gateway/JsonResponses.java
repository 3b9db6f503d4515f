package io.entityflow.flink.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.api.gateway.GatewayError;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    void write(Context ctx, int status, Object body) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("cannot write the answer to {} {} as JSON", ctx.method(), ctx.path(), e);
            error(ctx, new GatewayError(500, "internal_error", "the result cannot be written as JSON; the gateway's log has the details"));
            return;
        }
        ctx.status(status).contentType(JSON).result(json);
    }

    /** Answers when {@code result} completes: {@code status} with {@code body(value)}, or the error it failed with. */
    <T> void later(Context ctx, CompletableFuture<T> result, int status, Function<? super T, Object> body) {
        ctx.future(() -> result.handle((value, failure) -> {
            if (failure != null) {
                error(ctx, failure);
            } else {
                write(ctx, status, body.apply(value));
            }
            return null;
        }));
    }

    void error(Context ctx, Throwable failure) {
        GatewayError error = asGatewayError(ctx, unwrap(failure));
        ObjectNode body = errorBody(mapper, error);
        ctx.status(error.status()).contentType(JSON).result(body.toString());
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

    private GatewayError asGatewayError(Context ctx, Throwable failure) {
        if (failure instanceof GatewayError error) {
            return error;
        }
        if (failure instanceof HttpResponseException http) {
            return switch (http.getStatus()) {
                case 413 -> bodyTooLarge(maxBodyBytes);
                case 404 -> new GatewayError(404, "not_found", "no route " + ctx.method() + " " + ctx.path()
                        + "; the entity API: POST /entities/{Type}, POST /entities/{Type}/{key}/{method}, GET /entities/{Type}/{key}, GET /health");
                default -> http.getStatus() >= 400 && http.getStatus() <= 599
                        ? new GatewayError(http.getStatus(), "http_" + http.getStatus(), http.getMessage())
                        : internal(ctx, failure);
            };
        }
        return internal(ctx, failure);
    }

    static GatewayError bodyTooLarge(long maxBodyBytes) {
        return new GatewayError(413, "body_too_large", "the body is larger than this gateway's limit of " + maxBodyBytes + " bytes");
    }

    private static GatewayError internal(Context ctx, Throwable failure) {
        LOG.error("unexpected failure answering {} {}", ctx.method(), ctx.path(), failure);
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
