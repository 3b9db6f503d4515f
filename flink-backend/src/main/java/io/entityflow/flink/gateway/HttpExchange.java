package io.entityflow.flink.gateway;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP request to the gateway and its one answer. The request is read completely before a handler sees it
 * (its body copied out of the server's buffers, so nothing here needs releasing); the answer may be given from
 * any thread, once: {@link GatewayConnection} writes it on the connection's I/O thread, in request order.
 */
final class HttpExchange {
    private final String method;
    private final String uri;
    private final String path;
    private final HttpHeaders headers;
    private final byte[] body;
    private final Refusal refusal;
    private final boolean keepAlive;
    private final GatewayConnection connection;
    private final AtomicBoolean answered = new AtomicBoolean();
    private Map<String, List<String>> query;
    private volatile String challenge;

    /** Why the server refused the request before any handler could see it. */
    record Refusal(int status, String message) {
    }

    HttpExchange(String method, String uri, HttpHeaders headers, byte[] body, Refusal refusal, boolean keepAlive,
                 GatewayConnection connection) {
        this.method = method;
        this.uri = uri;
        int queryStart = uri.indexOf('?');
        this.path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        this.headers = headers;
        this.body = body;
        this.refusal = refusal;
        this.keepAlive = keepAlive;
        this.connection = connection;
    }

    String method() {
        return method;
    }

    /** The path as sent: not percent-decoded, without the query. */
    String path() {
        return path;
    }

    /** The first value of a query parameter, percent-decoded; null if absent. */
    String queryParam(String name) {
        if (query == null) {
            query = new QueryStringDecoder(uri, StandardCharsets.UTF_8).parameters();
        }
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A request header (names compare without case); null if absent. */
    String header(String name) {
        return headers.get(name);
    }

    byte[] body() {
        return body;
    }

    /** Set when the server answers for the handlers: a malformed request, or a body over the limit. */
    Refusal refusal() {
        return refusal;
    }

    /** Whether the connection stays open after the answer (the client's choice; never after a malformed request). */
    boolean keepAlive() {
        return keepAlive;
    }

    /** Asks the client for credentials with the answer ({@code WWW-Authenticate}). */
    void challenge(String scheme) {
        this.challenge = scheme;
    }

    /**
     * Answers the request; later calls are ignored (a handler that fails after answering cannot answer twice).
     * A HEAD request's answer carries no body.
     */
    void respond(int status, String contentType, byte[] content) {
        if (answered.compareAndSet(false, true)) {
            connection.answer(this, status, contentType, method.equals("HEAD") ? new byte[0] : content, challenge);
        }
    }
}
