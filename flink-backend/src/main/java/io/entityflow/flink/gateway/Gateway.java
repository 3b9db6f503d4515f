package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.api.gateway.GatewayRoutes;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.ir.codegen.CompiledProgram;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP gateway of an entity program (ARCHITECTURE §6): {@code /entities/...} creates, calls and reads
 * entities through a {@link RequestSubmitter}, {@code /health} reports readiness, and programs may add
 * routes through {@link GatewayRoutes}. Every answer is JSON. Routes are fixed when the gateway is built;
 * {@link #start()} binds the port.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    // the entity API's own routes; a program's routes may not take their paths (SpiRouting)
    static final SpiRouting.Route HEALTH = new SpiRouting.Route("GET", "/health", null);
    static final SpiRouting.Route CREATE = new SpiRouting.Route("POST", "/entities/{type}", null);
    static final SpiRouting.Route CALL = new SpiRouting.Route("POST", "/entities/{type}/{key}/{method}", null);
    static final SpiRouting.Route STATE = new SpiRouting.Route("GET", "/entities/{type}/{key}", null);
    static final List<SpiRouting.Route> API_ROUTES = List.of(HEALTH, CREATE, CALL, STATE);
    private final GatewayOptions options;
    private final ObjectMapper mapper = EntityJson.newMapper();
    private final ProgramCatalog catalog;
    private final EntityOperations operations;
    private final JsonResponses responses;
    private final EntityApi api;
    private final SpiRouting routing;
    private final BearerAuth auth;
    private final ExecutorService completions;
    private volatile boolean ready;
    private Javalin app;
    private boolean closed;

    /** A gateway with the routes the program's class loader provides ({@link ServiceLoader}). */
    public Gateway(CompiledProgram program, RequestSubmitter submitter, GatewayOptions options) {
        this(program, submitter, options, List.of());
    }

    /** @param extraRoutes routes added to those the program's class loader provides */
    public Gateway(CompiledProgram program, RequestSubmitter submitter, GatewayOptions options, List<GatewayRoutes> extraRoutes) {
        options.requireTokenOffLoopback();
        // answers arriving as bytes (from Kafka) name the program's records and exceptions by class name
        io.entityflow.flink.envelope.UserClasses.register(program.classes());
        this.options = options;
        this.catalog = new ProgramCatalog(program, mapper);
        this.completions = Executors.newFixedThreadPool(2, daemonThreads());
        this.operations = new EntityOperations(new EntityTypes(program.classes()), submitter, options.responseTimeout(), completions);
        this.responses = new JsonResponses(mapper, options.maxBodyBytes());
        this.api = new EntityApi(catalog, operations, mapper, responses);
        this.auth = new BearerAuth(options.token());
        this.routing = new SpiRouting(InProcessEntities.unscoped(catalog, operations, mapper));
        List<GatewayRoutes> contributors = new ArrayList<>(discover(program));
        contributors.addAll(extraRoutes);
        for (GatewayRoutes contributor : contributors) {
            contributor.register(routing);
        }
    }

    /**
     * The program's own route classes (public, implementing {@link GatewayRoutes}, with a no-argument
     * constructor), next to its entities, and any that {@link ServiceLoader} finds on its class loader.
     */
    private static List<GatewayRoutes> discover(CompiledProgram program) {
        List<GatewayRoutes> found = new ArrayList<>();
        for (String name : program.compiledTypes()) {
            try {
                Class<?> type = Class.forName(name, false, program.classes());
                if (GatewayRoutes.class.isAssignableFrom(type) && !type.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                    found.add((GatewayRoutes) type.getDeclaredConstructor().newInstance());
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("cannot load the program's gateway routes " + name + ": " + e, e);
            }
        }
        try {
            ServiceLoader.load(GatewayRoutes.class, program.classes()).forEach(routes -> {
                if (found.stream().noneMatch(known -> known.getClass() == routes.getClass())) {
                    found.add(routes);
                }
            });
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load the program's gateway routes: " + e.getMessage(), e);
        }
        return found;
    }

    public synchronized Gateway start() {
        if (app != null || closed) {
            throw new IllegalStateException(closed ? "the gateway is closed" : "the gateway is already started");
        }
        app = Javalin.create(this::configure).start();
        LOG.info("entity gateway listening on {} ({})", url(), options);
        return this;
    }

    private void configure(JavalinConfig config) {
        config.jetty.host = options.host();
        config.jetty.port = options.port();
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages(mapper)));
        config.http.maxRequestSize = options.maxBodyBytes();
        config.http.defaultContentType = JsonResponses.JSON;
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.routes.before(auth::check);
        // every path goes through one RouteTable rather than Javalin's router, which tries each route's regular
        // expression in turn (a matcher allocated per try) — see RouteTable
        RouteTable<PathHandler> routes = new RouteTable<>();
        routes.add(HEALTH.method(), HEALTH.path(), (ctx, pattern, path) -> health(ctx));
        routes.add(CREATE.method(), CREATE.path(), (ctx, pattern, path) -> api.create(ctx, path));
        routes.add(CALL.method(), CALL.path(), (ctx, pattern, path) -> api.call(ctx, path));
        routes.add(STATE.method(), STATE.path(), (ctx, pattern, path) -> api.state(ctx, path));
        for (SpiRouting.Route route : routing.routes()) {
            routes.add(route.method(), route.path(), new ContributedRoute(route.handler(), mapper, responses,
                    options.maxBodyBytes(), options.responseTimeout(), key -> InProcessEntities.scoped(catalog, operations, mapper, key))::handle);
        }
        // "*" is the one pattern Javalin matches without a regular expression
        config.routes.get("*", ctx -> dispatch(routes, ctx, "GET"));
        config.routes.post("*", ctx -> dispatch(routes, ctx, "POST"));
        // Javalin answers a HEAD itself (200, no body) when a GET route matches, which "*" always does: only for
        // paths that have a GET route here, as before
        config.routes.head("*", ctx -> find(routes, ctx, "GET"));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> responses.error(ctx, e));
        config.routes.exception(Exception.class, (e, ctx) -> responses.error(ctx, e));
    }

    /** What a path leads to: the entity API or a contributed route, given the path's parameters. */
    @FunctionalInterface
    private interface PathHandler {
        void handle(Context ctx, String pattern, Map<String, String> path) throws Exception;
    }

    private static void dispatch(RouteTable<PathHandler> routes, Context ctx, String method) throws Exception {
        RouteTable.Match<PathHandler> match = find(routes, ctx, method);
        match.handler().handle(ctx, match.pattern(), match.params());
    }

    private static RouteTable.Match<PathHandler> find(RouteTable<PathHandler> routes, Context ctx, String method) {
        Optional<RouteTable.Match<PathHandler>> match;
        try {
            match = routes.find(method, ctx.path());
        } catch (IllegalArgumentException e) {
            throw new GatewayError(400, "bad_path", "the path " + ctx.path() + " is not valid percent-encoding");
        }
        return match.orElseThrow(NotFoundResponse::new); // answered like any unknown path (JsonResponses)
    }

    private void health(Context ctx) {
        responses.write(ctx, ready ? 200 : 503, Map.of("status", ready ? "ok" : "starting"));
    }

    /** From now on {@code GET /health} answers 200: the job accepts requests. */
    public void markReady() {
        ready = true;
    }

    public boolean isReady() {
        return ready;
    }

    /** The port the gateway listens on (the chosen one when the options asked for 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the gateway is not started");
        }
        return app.port();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8080}; a wildcard bind is reached through loopback. */
    public URI url() {
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (app != null) {
            app.stop();
            app = null;
        }
        completions.shutdown();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "entityflow-gateway-answers-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
