package io.entityflow.inspector.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.inspector.InspectorOptions;
import io.entityflow.inspector.api.InspectorError;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The inspector's HTTP server: the page (static files from the classpath, nothing from the internet), its
 * JSON API and server-sent event streams. Every response carries a strict Content-Security-Policy; errors
 * are JSON {@code {"error","message"}} and never carry a stack trace; when a token is required (bound to a
 * non-loopback address) every request needs it, as a bearer header or the cookie the page's first load
 * with {@code ?token=} sets (an EventSource cannot send headers).
 */
public final class InspectorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InspectorServer.class);
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String COOKIE = "entityflow_inspector";
    /** Sent by the page with every action (POST). */
    public static final String ACTION_HEADER = "X-Entityflow-Inspector";
    private final InspectorOptions options;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Consumer<Routes> routes;
    private Javalin app;

    /** Where the inspector's API registers its handlers. */
    public interface Routes {
        void get(String path, Handler handler);

        void post(String path, Handler handler);

        void sse(String path, Consumer<SseClient> client);
    }

    public InspectorServer(InspectorOptions options, Consumer<Routes> routes) {
        this.options = options;
        this.routes = routes;
    }

    public synchronized InspectorServer start() {
        app = Javalin.create(this::configure).start();
        return this;
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/";
    }

    private void configure(JavalinConfig config) {
        config.jetty.host = options.host();
        config.jetty.port = options.port();
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/io/entityflow/inspector/web";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff",
                    "Cache-Control", "no-cache");
        });
        config.routes.before(this::secure);
        routes.accept(new Routes() {
            @Override
            public void get(String path, Handler handler) {
                config.routes.get(path, handler);
            }

            @Override
            public void post(String path, Handler handler) {
                config.routes.post(path, handler);
            }

            @Override
            public void sse(String path, Consumer<SseClient> client) {
                // a compressing proxy in front (code-server's port proxy, an nginx) holds an event stream back
                // until its buffer fills — the page then waits forever; no-transform (and nginx's own header) say
                // "pass it through as it comes". Javalin adds its no-cache beside these.
                config.routes.before(path, ctx -> {
                    ctx.header("Cache-Control", "no-transform");
                    ctx.header("X-Accel-Buffering", "no");
                });
                config.routes.sse(path, client);
            }
        });
        config.routes.exception(InspectorError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("inspector request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal", "the inspector failed on this request; its log has the details");
        });
        config.routes.error(404, ctx -> {
            String type = ctx.res().getContentType();
            // Javalin's own "Endpoint ... not found" is text: answer JSON; a 404 of ours is JSON already
            if (type == null || !type.startsWith("application/json")) {
                error(ctx, 404, "not_found", "no " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (!options.requiresToken() && !loopbackHost(ctx.host())) {
            // a page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) must not read entities
            throw new InspectorError(403, "forbidden_host", "this inspector answers requests for 127.0.0.1 or localhost only");
        }
        if (ctx.method() == HandlerType.POST && ctx.header(ACTION_HEADER) == null) {
            // a custom header makes a cross-site form or fetch preflight, which this server never allows
            throw new InspectorError(403, "missing_header", "actions need the header " + ACTION_HEADER + " (the page sends it)");
        }
        if (!options.requiresToken()) {
            return;
        }
        String given = null;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = header.substring(7).trim();
        } else if (ctx.queryParam("token") != null) {
            given = ctx.queryParam("token");
        } else if (ctx.cookie(COOKIE) != null) {
            given = ctx.cookie(COOKIE);
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                options.token().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new InspectorError(401, "unauthorized", "this inspector requires its token: open it with ?token=<token> "
                    + "or send Authorization: Bearer <token>");
        }
        if (ctx.queryParam("token") != null) {
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + given + "; Path=/; HttpOnly; SameSite=Strict");
        }
    }

    /** The Host header names this machine's loopback (with any port). */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    private void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json")
                .result(mapper.createObjectNode().put("error", code).put("message", message).toString());
    }

    /** Writes a JSON value as the response. */
    public static void json(Context ctx, JsonNode value) {
        ctx.contentType("application/json").result(value.toString());
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
