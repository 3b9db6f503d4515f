package io.entityflow.flink.gateway.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.flink.gateway.EntityJson;
import io.entityflow.ir.runtime.EntityRef;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Java client of the gateway's entity API. Arguments are Java values written as JSON (an
 * {@link EntityRef} as {@code {"type","key"}}, records as objects); results come back as JSON trees or
 * bound to a type. Every error answer becomes an {@link EntityClientException} with the gateway's status,
 * code, message and (for entity exceptions) exception type. Instances are immutable and thread-safe;
 * {@link #withIdempotencyKey} gives a client for one logical operation and its retries.
 */
public final class EntityClient {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final URI base;
    private final String token;
    private final String idempotencyKey;
    private final Duration timeout;

    private EntityClient(HttpClient http, ObjectMapper mapper, URI base, String token, String idempotencyKey, Duration timeout) {
        this.http = http;
        this.mapper = mapper;
        this.base = base;
        this.token = token;
        this.idempotencyKey = idempotencyKey;
        this.timeout = timeout;
    }

    /** A client of the gateway at {@code base} (e.g. {@code http://127.0.0.1:8080}), without a token. */
    private static final int TRANSPORT_RETRIES = 3;

    public static EntityClient connect(URI base) {
        return connect(base, null);
    }

    /** @param token the gateway's bearer token, or null */
    public static EntityClient connect(URI base, String token) {
        Objects.requireNonNull(base, "base");
        String text = base.toString();
        URI normalised = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        return new EntityClient(http, EntityJson.newMapper(), normalised, token, null, DEFAULT_TIMEOUT);
    }

    /**
     * A client that sends {@code Idempotency-Key: key} with its requests: use it for one create or call and
     * its retries; the entity runs it once and answers every retry with the same result.
     */
    public EntityClient withIdempotencyKey(String key) {
        return new EntityClient(http, mapper, base, token, Objects.requireNonNull(key, "key"), timeout);
    }

    /** A client whose requests give up after {@code timeout} (default 60 s). */
    public EntityClient withTimeout(Duration timeout) {
        return new EntityClient(http, mapper, base, token, idempotencyKey, Objects.requireNonNull(timeout, "timeout"));
    }

    /** The mapper results are bound with; its type factory makes the {@link JavaType}s of generic results. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Creates an entity; returns its key. */
    public JsonNode create(String type, Object... args) {
        return join(createAsync(type, args));
    }

    public CompletableFuture<JsonNode> createAsync(String type, Object... args) {
        return send(post(path(type), args)).thenApply(answer -> answer.path("key"));
    }

    /** Calls a method; returns its result ({@code null} JSON for void). */
    public JsonNode call(String type, Object key, String method, Object... args) {
        return join(callAsync(type, key, method, args));
    }

    /** Calls a method and binds its result to {@code resultType}. */
    public <T> T call(Class<T> resultType, String type, Object key, String method, Object... args) {
        return call(mapper.constructType(resultType), type, key, method, args);
    }

    /** Calls a method and binds its result to {@code resultType} (for generic types such as {@code List<Line>}). */
    public <T> T call(JavaType resultType, String type, Object key, String method, Object... args) {
        JsonNode result = call(type, key, method, args);
        try {
            return mapper.treeToValue(result, resultType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new EntityClientException(200, "unexpected_result", null, "the result " + result + " of " + type + "." + method
                    + " is not a " + resultType.toCanonical(), e);
        }
    }

    public CompletableFuture<JsonNode> callAsync(String type, Object key, String method, Object... args) {
        return send(post(path(type, keyText(key), method), args)).thenApply(answer -> answer.path("result"));
    }

    /** The entity's fields, by name. */
    public JsonNode state(String type, Object key) {
        return join(stateAsync(type, key));
    }

    public CompletableFuture<JsonNode> stateAsync(String type, Object key) {
        return send(request(path(type, keyText(key))).GET().build());
    }

    /** True when {@code GET /health} answers 200: the gateway accepts requests. */
    public boolean isReady() {
        try {
            HttpResponse<String> answer = http.send(request("/health").GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest post(String path, Object[] args) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(Map.of("args", Arrays.asList(args == null ? new Object[0] : args)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the arguments cannot be written as JSON: " + e.getMessage(), e);
        }
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder;
    }

    private CompletableFuture<JsonNode> send(HttpRequest request) {
        return send(request, 0).thenApply(answer -> decode(request, answer));
    }

    /**
     * Sends; a request with an idempotency key whose connection failed before any answer (a pooled
     * connection the server had just closed, a reset under a burst of connections) is sent again, at most
     * {@link #TRANSPORT_RETRIES} times: the key makes a resend safe, as Java's client already does for GETs.
     */
    private CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request, int attempt) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((answer, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    boolean resendable = (idempotencyKey != null || request.method().equals("GET"))
                            && cause instanceof java.io.IOException && !(cause instanceof java.net.http.HttpTimeoutException);
                    if (resendable && attempt < TRANSPORT_RETRIES) {
                        return send(request, attempt + 1);
                    }
                    CompletableFuture<HttpResponse<byte[]>> failed = new CompletableFuture<>();
                    failed.completeExceptionally(new EntityClientException(0, "unreachable", null,
                            "no answer from " + base + ": " + cause, cause));
                    return failed;
                }).thenCompose(next -> next);
    }

    private JsonNode decode(HttpRequest request, HttpResponse<byte[]> answer) {
        JsonNode body;
        try {
            body = mapper.readTree(answer.body());
        } catch (IOException e) {
            throw new EntityClientException(answer.statusCode(), "bad_response", null, request.method() + " " + request.uri()
                    + " answered " + answer.statusCode() + " with a body that is not JSON: "
                    + new String(answer.body(), StandardCharsets.UTF_8), e);
        }
        if (answer.statusCode() >= 200 && answer.statusCode() < 300) {
            return body;
        }
        JsonNode error = body.path("error");
        throw new EntityClientException(answer.statusCode(), error.path("code").asText("http_" + answer.statusCode()),
                error.hasNonNull("type") ? error.get("type").asText() : null,
                error.path("message").asText(request.method() + " " + request.uri() + " answered " + answer.statusCode()), null);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String keyText(Object key) {
        Object plain = key instanceof EntityRef ref ? ref.key() : key;
        return String.valueOf(Objects.requireNonNull(plain, "key"));
    }

    /** Joins path segments, percent-encoding each (a key may hold any character). */
    private static String path(String... segments) {
        StringBuilder path = new StringBuilder("/entities");
        for (String segment : segments) {
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    private static String encode(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
