package io.entityflow.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.inspect.RequestTraces;
import io.entityflow.flink.inspect.TracedSubmissions;
import io.entityflow.inspector.api.InspectorError;
import io.entityflow.inspector.flink.Dataflow;
import io.entityflow.inspector.flink.FlinkRest;
import io.entityflow.inspector.flink.Snapshots;
import io.entityflow.inspector.state.EntityLookup;
import io.entityflow.inspector.state.EntityViews;
import io.entityflow.inspector.state.Filter;
import io.entityflow.inspector.state.LiveListing;
import io.entityflow.inspector.state.ProgramShape;
import io.entityflow.inspector.state.SavepointEntities;
import io.entityflow.inspector.state.SnapshotDiff;
import io.entityflow.inspector.web.InspectorServer;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The web inspector of one running entity job: the live dataflow with Flink's rates, entities by key through
 * queryable state (watched live), listing and filtering, checkpoints and savepoints (browse, diff, trigger)
 * and sampled request traces. Read-only but for triggering a savepoint and choosing what to trace.
 */
public final class Inspector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Inspector.class);
    private static final int MAX_PAGE = 200;
    private static final long WATCH_MILLIS = 500;
    private final InspectedJob job;
    private final ProgramShape program;
    private final EntityViews views;
    private final FlinkRest rest;
    private final Dataflow dataflow;
    private final Snapshots snapshots;
    private final EntityLookup lookup;
    private final LiveListing listing;
    private final SavepointEntities savepoints;
    private final RequestTraces traces;
    private final InspectorServer server;
    private final InspectorOptions options;
    private boolean closed;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<SseClient> dataflowClients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "entityflow-inspector");
        thread.setDaemon(true);
        return thread;
    });

    private Inspector(InspectedJob job, InspectorOptions options) {
        this.job = job;
        UserClasses.register(job.program().classes());
        this.program = new ProgramShape(job.program());
        this.views = new EntityViews(program);
        this.rest = new FlinkRest(job.flinkRest());
        this.dataflow = new Dataflow(rest, job.jobId(), program.types(), program.graph());
        this.snapshots = new Snapshots(rest, job.jobId(), job.savepointDir());
        this.lookup = job.queryable().map(proxy -> new EntityLookup(proxy, job.jobId(), program, views)).orElse(null);
        this.listing = new LiveListing(job.jobId(), views);
        this.savepoints = new SavepointEntities(program.types());
        this.traces = RequestTraces.of(job.jobId().toHexString());
        this.options = options;
        this.server = new InspectorServer(options, this::routes);
    }

    /** Starts the inspector's server; {@link #url()} says where. */
    public static Inspector start(InspectedJob job, InspectorOptions options) {
        Inspector inspector = new Inspector(job, options);
        inspector.server.start();
        inspector.scheduler.scheduleWithFixedDelay(inspector::pollCheckpoints, 0, 1, TimeUnit.SECONDS);
        inspector.scheduler.scheduleWithFixedDelay(inspector::pushMetrics, 1, 1, TimeUnit.SECONDS);
        return inspector;
    }

    public InspectorOptions options() {
        return options;
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    private void routes(InspectorServer.Routes routes) {
        routes.get("/api/overview", this::overview);
        routes.get("/api/graph", ctx -> InspectorServer.json(ctx, program.graph()));
        routes.get("/api/source/{type}", this::source);
        routes.get("/api/dataflow", ctx -> InspectorServer.json(ctx, dataflow.topology()));
        routes.sse("/api/dataflow/stream", this::streamDataflow);
        routes.get("/api/entities/{type}", this::list);
        routes.get("/api/entities/{type}/{key}", ctx -> InspectorServer.json(ctx, entity(ctx.pathParam("type"), ctx.pathParam("key"))));
        routes.sse("/api/entities/{type}/{key}/watch", this::watch);
        routes.get("/api/snapshots", this::listSnapshots);
        routes.post("/api/savepoints", ctx -> InspectorServer.json(ctx, snapshots.triggerSavepoint()));
        routes.get("/api/savepoints/{id}/entities/{type}", this::listSavepoint);
        routes.get("/api/diff", this::diff);
        routes.get("/api/traces", this::listTraces);
        routes.get("/api/traces/{id}", this::trace);
        routes.post("/api/traces/settings", this::traceSettings);
    }

    private void overview(Context ctx) {
        ObjectNode out = mapper.createObjectNode().put("job", job.jobId().toHexString())
                .put("flinkUi", rest.base().toString());
        ArrayNode types = out.putArray("types");
        for (String type : program.types()) {
            JsonNode entity = program.entity(type);
            ObjectNode t = types.addObject().put("name", type).put("simpleName", entity.path("name").asText())
                    .put("key", entity.path("key").asText());
            t.set("fields", entity.path("fields"));
        }
        out.putObject("features").put("queryableState", lookup != null).put("liveListing", listing.available(program.types().get(0)))
                .put("savepoints", job.savepoints().isPresent()).put("tracing", job.tracing().isPresent());
        InspectorServer.json(ctx, out);
    }

    /** The source file of an entity type (only files of the program: no path comes from the request). */
    private void source(Context ctx) {
        String type = program.type(ctx.pathParam("type"));
        String file = program.entity(type).path("file").asText();
        try {
            // the graph names files relative to the program's folder
            ctx.contentType("text/plain; charset=utf-8").result(Files.readString(job.sources().resolve(file)));
        } catch (IOException e) {
            throw InspectorError.notFound("no_source", "the source of " + type + " (" + file + ") is not readable here");
        }
    }

    private ObjectNode entity(String type, String key) {
        if (lookup == null) {
            throw new InspectorError(409, "no_queryable_state", "this job's queryable state is not reachable; "
                    + "open a savepoint to see its entities");
        }
        return lookup.lookup(type, key);
    }

    private void watch(SseClient client) {
        String type = client.ctx().pathParam("type");
        String key = client.ctx().pathParam("key");
        client.keepAlive();
        String[] last = {null};
        Runnable push = () -> {
            ObjectNode now;
            try {
                now = entity(type, key);
            } catch (InspectorError e) {
                now = mapper.createObjectNode().put("error", e.code()).put("message", e.getMessage());
            }
            // sent when the entity changed — not when only the time the read took did
            String state = now.deepCopy().without("readMicros").toString();
            if (!state.equals(last[0])) {
                last[0] = state;
                client.sendEvent("entity", now.toString());
            }
        };
        var task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                push.run();
            } catch (RuntimeException e) {
                LOG.debug("watch of {}/{} failed", type, key, e);
            }
        }, 0, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        client.onClose(() -> task.cancel(false));
    }

    private void streamDataflow(SseClient client) {
        client.keepAlive();
        dataflowClients.add(client);
        client.onClose(() -> dataflowClients.remove(client));
    }

    /** Metrics are read only while someone watches: a closed page costs Flink's REST API nothing. */
    private void pushMetrics() {
        if (dataflowClients.isEmpty()) {
            return;
        }
        try {
            String metrics = dataflow.metrics().toString();
            for (SseClient client : dataflowClients) {
                client.sendEvent("metrics", metrics);
            }
        } catch (RuntimeException e) {
            LOG.debug("reading metrics failed", e);
        }
    }

    private void pollCheckpoints() {
        try {
            snapshots.poll();
        } catch (RuntimeException e) {
            LOG.debug("reading checkpoints failed", e);
        }
    }

    private void list(Context ctx) {
        String type = program.type(ctx.pathParam("type"));
        Filter filter = Filter.parse(ctx.queryParam("filter"), fieldNames(type));
        int limit = limit(ctx);
        String snapshot = ctx.queryParam("snapshot");
        if (snapshot != null && !snapshot.isEmpty()) {
            InspectorServer.json(ctx, savepoints.page(snapshots.savepoint(snapshot), type, filter, ctx.queryParam("cursor"), limit));
            return;
        }
        InspectorServer.json(ctx, listing.page(type, filter, ctx.queryParam("cursor"), limit));
    }

    private void listSavepoint(Context ctx) {
        String type = program.type(ctx.pathParam("type"));
        Filter filter = Filter.parse(ctx.queryParam("filter"), fieldNames(type));
        InspectorServer.json(ctx, savepoints.page(snapshots.savepoint(ctx.pathParam("id")), type, filter,
                ctx.queryParam("cursor"), limit(ctx)));
    }

    private Set<String> fieldNames(String type) {
        Set<String> names = new LinkedHashSet<>();
        program.entity(type).path("fields").forEach(f -> names.add(f.path("name").asText()));
        return names;
    }

    private static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > MAX_PAGE) {
                throw InspectorError.badRequest("bad_limit", "limit must be 1.." + MAX_PAGE + ", not " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw InspectorError.badRequest("bad_limit", "limit must be a number, not " + text);
        }
    }

    private void listSnapshots(Context ctx) {
        ObjectNode out = mapper.createObjectNode();
        out.set("checkpoints", snapshots.checkpoints(limit(ctx)));
        out.put("checkpointsKept", snapshots.checkpointCount());
        out.set("savepoints", snapshots.savepoints());
        InspectorServer.json(ctx, out);
    }

    private void diff(Context ctx) {
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (from == null || to == null) {
            throw InspectorError.badRequest("bad_diff", "a diff needs ?from=<savepoint>&to=<savepoint>");
        }
        Map<String, Map<String, ObjectNode>> before = savepoints.open(snapshots.savepoint(from));
        Map<String, Map<String, ObjectNode>> after = savepoints.open(snapshots.savepoint(to));
        ObjectNode out = SnapshotDiff.diff(views.mapper(), before, after, limit(ctx));
        out.put("from", from).put("to", to);
        InspectorServer.json(ctx, out);
    }

    private void listTraces(Context ctx) {
        ObjectNode out = mapper.createObjectNode().put("rate", traces.rate()).put("enabled", job.tracing().isPresent());
        job.tracing().map(TracedSubmissions::armed).ifPresent(armed -> out.putObject("armed")
                .put("type", armed.entityType()).put("method", armed.method()));
        ArrayNode list = out.putArray("traces");
        for (String id : traces.recent(limit(ctx))) {
            traces.trace(id).ifPresent(events -> {
                if (events.isEmpty()) {
                    return;
                }
                ObjectNode summary = list.addObject().put("id", id).put("events", events.size())
                        .put("start", events.get(0).epochMicros())
                        .put("durationMicros", events.get(events.size() - 1).epochMicros() - events.get(0).epochMicros());
                var first = events.get(0);
                summary.put("call", simple(first.entityType()) + "/" + first.key() + "." + first.method());
            });
        }
        InspectorServer.json(ctx, out);
    }

    private static String simple(String type) {
        return type == null ? "?" : type.substring(type.lastIndexOf('.') + 1);
    }

    private void trace(Context ctx) {
        String id = ctx.pathParam("id");
        var events = traces.trace(id).orElseThrow(() -> InspectorError.notFound("unknown_trace",
                "no trace of request " + id + " (only sampled requests are traced; the oldest are dropped)"));
        ObjectNode out = mapper.createObjectNode().put("id", id);
        ArrayNode list = out.putArray("events");
        long start = events.isEmpty() ? 0 : events.get(0).epochMicros();
        for (var event : events) {
            list.addObject().put("atMicros", event.epochMicros() - start).put("type", event.entityType())
                    .put("simpleType", simple(event.entityType())).put("key", event.key()).put("kind", event.kind())
                    .put("method", event.method()).put("block", event.block()).put("detail", event.detail());
        }
        InspectorServer.json(ctx, out);
    }

    private void traceSettings(Context ctx) {
        TracedSubmissions submissions = job.tracing().orElseThrow(() -> new InspectorError(409, "no_tracing",
                "this inspector does not see the job's requests (tracing needs entityflow run)"));
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (IOException e) {
            throw InspectorError.badRequest("bad_json", "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (body == null || !body.isObject()) {
            throw InspectorError.badRequest("bad_json", "the body must be a JSON object");
        }
        if (body.has("rate")) {
            if (!body.get("rate").isNumber()) {
                throw InspectorError.badRequest("bad_rate", "rate must be a number between 0 and 1");
            }
            try {
                traces.setRate(body.get("rate").asDouble());
            } catch (IllegalArgumentException e) {
                throw InspectorError.badRequest("bad_rate", e.getMessage());
            }
        }
        if (body.has("arm")) {
            JsonNode arm = body.get("arm");
            if (arm.isNull()) {
                submissions.arm(null);
            } else {
                String type = program.type(arm.path("type").asText());
                String method = arm.path("method").asText(null);
                if (method != null && !method.isEmpty() && !method.equals("<init>") && program.method(type, method).isEmpty()) {
                    throw InspectorError.badRequest("unknown_method", simple(type) + " has no method " + method);
                }
                submissions.arm(new TracedSubmissions.Armed(type, method == null || method.isEmpty() ? null : method));
            }
        }
        listTraces(ctx);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        dataflowClients.forEach(SseClient::close);
        server.close();
        if (lookup != null) {
            lookup.close();
        }
    }

}
