package io.entityflow.flink.gateway;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
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
    private final HttpVersion version;
    private final String uri;
    private final String path;
    private final HttpHeaders headers;
    private final byte[] body;
    private final Refusal refusal;
    private final boolean keepAlive;
    private final GatewayConnection connection;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile Map<String, List<String>> query;
    private volatile String challenge;

    /** Why the server refused the request before any handler could see it. */
    record Refusal(int status, String message) {
    }

    HttpExchange(String method, HttpVersion version, String uri, HttpHeaders headers, byte[] body, Refusal refusal, boolean keepAlive,
                 GatewayConnection connection) {
        this.method = method;
        this.version = version;
        this.uri = originForm(uri);
        int queryStart = this.uri.indexOf('?');
        this.path = queryStart < 0 ? this.uri : this.uri.substring(0, queryStart);
        this.headers = headers;
        this.body = body;
        this.refusal = refusal;
        this.keepAlive = keepAlive;
        this.connection = connection;
    }

    /** {@code /p?q} of {@code http://host:port/p?q} (the absolute form a client may send, RFC 9112 §3.2.2). */
    private static String originForm(String uri) {
        int scheme = uri.indexOf("://");
        if (uri.startsWith("/") || scheme < 0) {
            return uri;
        }
        int pathStart = uri.indexOf('/', scheme + 3);
        int queryStart = uri.indexOf('?', scheme + 3);
        if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
            return queryStart < 0 ? "/" : "/" + uri.substring(queryStart);
        }
        return uri.substring(pathStart);
    }

    String method() {
        return method;
    }

    /** The request's HTTP version, which the answer takes too. */
    HttpVersion version() {
        return version;
    }

    /** The path as sent: not percent-decoded, without the query. */
    String path() {
        return path;
    }

    /** The first value of a query parameter, percent-decoded; null if absent. */
    String queryParam(String name) {
        if (query == null) {
            // ';' is text in a value, as in the URL standard's query parsing (Netty would split on it too)
            query = QueryStringDecoder.builder().charset(StandardCharsets.UTF_8).semicolonIsNormalChar(true).build(uri).parameters();
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
