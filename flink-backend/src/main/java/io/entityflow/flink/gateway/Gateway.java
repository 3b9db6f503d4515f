package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.api.gateway.GatewayRoutes;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.ir.codegen.CompiledProgram;
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
    private final RouteTable<PathHandler> routes = new RouteTable<>();
    private volatile boolean ready;
    private GatewayHttpServer server;
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
        // every path is found by one RouteTable (literal segments before parameters, see its javadoc)
        routes.add(HEALTH.method(), HEALTH.path(), (exchange, pattern, path) -> health(exchange));
        routes.add(CREATE.method(), CREATE.path(), (exchange, pattern, path) -> api.create(exchange, path));
        routes.add(CALL.method(), CALL.path(), (exchange, pattern, path) -> api.call(exchange, path));
        routes.add(STATE.method(), STATE.path(), (exchange, pattern, path) -> api.state(exchange, path));
        for (SpiRouting.Route route : routing.routes()) {
            routes.add(route.method(), route.path(), new ContributedRoute(route.handler(), responses, options.responseTimeout(),
                    key -> InProcessEntities.scoped(catalog, operations, mapper, key))::handle);
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
        if (server != null || closed) {
            throw new IllegalStateException(closed ? "the gateway is closed" : "the gateway is already started");
        }
        server = GatewayHttpServer.start(options.host(), options.port(), options.maxBodyBytes(), this::dispatch);
        LOG.info("entity gateway listening on {} ({})", url(), options);
        return this;
    }

    /** What a path leads to: the entity API or a contributed route, given the path's parameters. */
    @FunctionalInterface
    private interface PathHandler {
        void handle(HttpExchange exchange, String pattern, Map<String, String> path) throws Exception;
    }

    /**
     * Answers one request, on the server's I/O thread: refusals first, then authentication (for every path, known
     * or not), then the route. Every failure becomes a JSON answer.
     */
    private void dispatch(HttpExchange exchange) {
        try {
            if (exchange.refusal() != null) {
                throw responses.refused(exchange.refusal());
            }
            auth.check(exchange);
            boolean head = exchange.method().equals("HEAD"); // answered for the paths a GET answers, without a body
            RouteTable.Match<PathHandler> match = find(exchange, head ? "GET" : exchange.method());
            if (head) {
                exchange.respond(200, JsonResponses.JSON, new byte[0]);
            } else {
                match.handler().handle(exchange, match.pattern(), match.params());
            }
        } catch (Exception e) {
            responses.error(exchange, e);
        }
    }

    private RouteTable.Match<PathHandler> find(HttpExchange exchange, String method) {
        Optional<RouteTable.Match<PathHandler>> match;
        try {
            match = routes.find(method, exchange.path());
        } catch (IllegalArgumentException e) {
            throw new GatewayError(400, "bad_path", "the path " + exchange.path() + " is not valid percent-encoding");
        }
        return match.orElseThrow(() -> JsonResponses.notFound(exchange.method(), exchange.path()));
    }

    private void health(HttpExchange exchange) {
        responses.write(exchange, ready ? 200 : 503, Map.of("status", ready ? "ok" : "starting"));
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
        if (server == null) {
            throw new IllegalStateException("the gateway is not started");
        }
        return server.port();
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
        if (server != null) {
            server.close();
            server = null;
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
