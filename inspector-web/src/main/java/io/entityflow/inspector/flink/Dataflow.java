package io.entityflow.inspector.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.ir.graph.OperatorUids;
import org.apache.flink.api.common.JobID;
import org.apache.flink.state.api.OperatorIdentifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job as entityflow builds it (request source, loop head, router, one operator per entity type, loop tail,
 * response sink, and the feedback edge from tail to head that Flink's plan does not show), matched to
 * Flink's job vertices, with live rates from Flink's metrics. An operator with a uid that starts a chain is
 * the vertex whose id is the hash of that uid; chained operators are found in their vertex by name.
 */
public final class Dataflow {
    private final FlinkRest rest;
    private final JobID jobId;
    private final List<Operator> operators = new ArrayList<>();
    private final ArrayNode edges;
    private final ObjectMapper mapper = new ObjectMapper();
    /** Gauges of the requests' source: requests not read yet, and the transactions admitted and their cap. */
    private static final List<String> ADMISSION_GAUGES = List.of("pendingRecords", "activeTransactions", "maxActiveTransactions");
    /** vertex id → the operator names Flink reports metrics for (discovered once per vertex) */
    private final Map<String, Set<String>> metricOperators = new HashMap<>();
    private Map<String, String> vertexOf;

    /** One of our operators: its id in the page, Flink's name for it, its uid, and the entity type it holds. */
    record Operator(String id, String label, String kind, String flinkName, String uid, String entityType) {
        /**
         * Whether Flink's operator {@code name} is (part of) this one: the loop tail of a job whose loop runs in
         * one JVM is one operator per entity type ("loop tail shop.Item", chained to its entity operator), and so
         * are its response sinks ("Sink: responses shop.Item", "Sink: responses at once shop.Item").
         */
        boolean isNamed(String name) {
            return matches(name, flinkName, " ");
        }

        /** The same, for an operator name as Flink's metric scope writes it ({@link #metricName}). */
        boolean isNamedInMetrics(String metricOperatorName) {
            return matches(metricOperatorName, metricName(flinkName), "_");
        }

        private boolean matches(String name, String own, String separator) {
            return name.equals(own) || (id.equals(LOOP_TAIL) || id.equals(RESPONSES)) && name.startsWith(own + separator);
        }
    }

    private static final String LOOP_TAIL = "loop-tail";
    private static final String RESPONSES = "responses";

    public Dataflow(FlinkRest rest, JobID jobId, List<String> entityTypes, JsonNode graphJson) {
        this.rest = rest;
        this.jobId = jobId;
        operators.add(new Operator("requests", "requests", "source", "Source: requests", "entityflow-requests", null));
        operators.add(new Operator("loop-head", "loop head", "loop", "loop head", "entityflow-loop-head", null));
        operators.add(new Operator("router", "route by type", "router", "route by entity type", "entityflow-route", null));
        for (String type : entityTypes) {
            operators.add(new Operator(type, simpleName(type), "entity", type, OperatorUids.entity(type), type));
        }
        operators.add(new Operator(LOOP_TAIL, "loop tail", "loop", "loop tail", "entityflow-loop-tail", null));
        operators.add(new Operator(RESPONSES, "responses", "sink", "Sink: responses", "entityflow-responses", null));
        edges = mapper.createArrayNode();
        edge("requests", "loop-head", "request", "partitioned by key");
        edge("loop-head", "router", "forward", null);
        for (String type : entityTypes) {
            edge("router", type, "forward", null);
            edge(type, "loop-tail", "loop", "calls, returns");
            edge(type, RESPONSES, "response", null);
        }
        edge("loop-tail", "loop-head", "feedback", "feedback");
        for (JsonNode call : graphJson.path("edges")) {
            if (call.path("kind").asText().equals("call")) {
                String from = qualified(entityTypes, call.path("from").asText());
                String to = qualified(entityTypes, call.path("to").asText());
                if (from != null && to != null) {
                    List<String> names = new ArrayList<>();
                    call.path("calls").forEach(c -> names.add(c.asText()));
                    edge(from, to, "call", String.join(", ", names));
                }
            }
        }
    }

    private void edge(String from, String to, String kind, String label) {
        ObjectNode edge = edges.addObject().put("from", from).put("to", to).put("kind", kind);
        if (label != null) {
            edge.put("label", label);
        }
    }

    private static String qualified(List<String> types, String simple) {
        return types.stream().filter(t -> t.equals(simple) || simpleName(t).equals(simple)).findFirst().orElse(null);
    }

    static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** The topology: {nodes:[{id,label,kind,entity?,uid,vertex}], edges:[{from,to,kind,label?}]}. */
    public synchronized ObjectNode topology() {
        Map<String, String> vertices = vertices();
        ObjectNode out = mapper.createObjectNode();
        ArrayNode nodes = out.putArray("nodes");
        for (Operator op : operators) {
            ObjectNode node = nodes.addObject().put("id", op.id()).put("label", op.label()).put("kind", op.kind())
                    .put("uid", op.uid()).put("sublabel", op.kind().equals("entity") ? op.entityType() : op.kind());
            node.put("vertex", vertices.get(op.id()));
            if (op.entityType() != null) {
                node.put("entity", op.entityType());
            }
        }
        out.set("edges", edges.deepCopy());
        return out;
    }

    /** Our operator id → Flink vertex id. */
    private Map<String, String> vertices() {
        if (vertexOf != null) {
            return vertexOf;
        }
        JsonNode job = rest.get("/jobs/" + jobId);
        Map<String, String> byName = new LinkedHashMap<>();
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : job.path("vertices")) {
            byName.put(vertex.path("name").asText(), vertex.path("id").asText());
            ids.add(vertex.path("id").asText());
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Operator op : operators) {
            String hashed = OperatorIdentifier.forUid(op.uid()).getOperatorId().toHexString();
            // the response sink with that uid heads a vertex of its own in one JVM (the rare answers to unknown
            // types); the responses worth showing are the sinks chained to each entity operator, in the loop's
            if (!op.id().equals(RESPONSES) && ids.contains(hashed)) {
                found.put(op.id(), hashed);
                continue;
            }
            String named = vertexNaming(op, byName);
            if (named != null) {
                found.put(op.id(), named);
            }
        }
        vertexOf = found;
        return found;
    }

    /** The vertex (by name → id) whose chain holds the most operators {@code op} names; null if none does. */
    static String vertexNaming(Operator op, Map<String, String> vertexIdsByName) {
        String best = null;
        long most = 0;
        for (Map.Entry<String, String> vertex : vertexIdsByName.entrySet()) {
            long named = chainMembers(vertex.getKey()).stream().filter(op::isNamed).count();
            if (named > most) {
                most = named;
                best = vertex.getValue();
            }
        }
        return best;
    }

    /**
     * "loop head -> route by entity type -> (shop.Item -> loop tail shop.Item, shop.User -> loop tail shop.User)"
     * → its operator names (Flink names a chain that forks with its branches in parentheses).
     */
    static Set<String> chainMembers(String vertexName) {
        Set<String> names = new TreeSet<>();
        for (String part : vertexName.split(" -> |, |\\(|\\)")) {
            if (!part.isBlank()) {
                names.add(part.trim());
            }
        }
        return names;
    }

    /**
     * Live figures per operator: records/s in and out (summed over subtasks), busy and back-pressured
     * ms/s of its task (the most loaded subtask); and under {@code admission}, summed over the requests' subtasks:
     * {@code pendingRecords} (requests not read yet), {@code activeTransactions}, {@code maxActiveTransactions}.
     */
    public synchronized ObjectNode metrics() {
        Map<String, String> vertices = vertices();
        Map<String, JsonNode> byVertex = new HashMap<>();
        for (String vertex : new TreeSet<>(vertices.values())) {
            byVertex.put(vertex, vertexMetrics(vertex));
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("time", System.currentTimeMillis());
        ObjectNode ops = out.putObject("operators");
        for (Operator op : operators) {
            String vertex = vertices.get(op.id());
            if (vertex == null) {
                continue;
            }
            JsonNode values = byVertex.get(vertex);
            ObjectNode figures = ops.putObject(op.id());
            figures.put("in", sumOperator(values, op, "numRecordsInPerSecond"));
            figures.put("out", sumOperator(values, op, "numRecordsOutPerSecond"));
            figures.put("busy", max(values, ".busyTimeMsPerSecond"));
            figures.put("backPressured", max(values, ".backPressuredTimeMsPerSecond"));
        }
        // the requests' source reports them (docs/transactions.md, "Admission"); summed over its subtasks
        ObjectNode admission = out.putObject("admission");
        for (String gauge : ADMISSION_GAUGES) {
            admission.put(gauge, byVertex.values().stream().mapToDouble(values -> sumGauge(values, "." + gauge)).sum());
        }
        return out;
    }

    /** A gauge's values summed over the subtasks that report it. */
    private static double sumGauge(JsonNode values, String suffix) {
        double total = 0;
        for (JsonNode value : values) {
            double figure = value.path("value").asDouble(0);
            if (value.path("id").asText().endsWith(suffix) && Double.isFinite(figure)) {
                total += figure;
            }
        }
        return total;
    }

    private JsonNode vertexMetrics(String vertex) {
        Set<String> names = metricOperators.computeIfAbsent(vertex, this::operatorsWithMetrics);
        List<String> wanted = new ArrayList<>();
        for (String id : names) {
            wanted.add(id);
        }
        if (wanted.isEmpty()) {
            return mapper.createArrayNode();
        }
        return rest.get("/jobs/" + jobId + "/vertices/" + vertex + "/metrics?get=" + String.join(",", wanted));
    }

    /**
     * The metric ids we read of a vertex: records in/out of each operator, busy and back pressure of each subtask, and
     * the requests' backlog and transactions admitted.
     */
    private Set<String> operatorsWithMetrics(String vertex) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode metric : rest.get("/jobs/" + jobId + "/vertices/" + vertex + "/metrics")) {
            String id = metric.path("id").asText();
            if (id.endsWith(".numRecordsInPerSecond") || id.endsWith(".numRecordsOutPerSecond")
                    || id.endsWith(".busyTimeMsPerSecond") || id.endsWith(".backPressuredTimeMsPerSecond")
                    || ADMISSION_GAUGES.stream().anyMatch(gauge -> id.endsWith("." + gauge))) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Flink's metric scope replaces characters it does not allow in operator names. */
    static String metricName(String operatorName) {
        return operatorName.replaceAll("[^A-Za-z0-9_\\-]", "_");
    }

    /** A figure of {@code op} summed over its subtasks (and over its parts, for a loop tail per entity type). */
    private static double sumOperator(JsonNode values, Operator op, String metric) {
        double total = 0;
        String suffix = "." + metric;
        for (JsonNode value : values) {
            String id = value.path("id").asText(); // <subtask>.<operator name as metrics write it>.<metric>
            int first = id.indexOf('.');
            double figure = value.path("value").asDouble(0);
            if (first > 0 && id.endsWith(suffix) && id.length() - suffix.length() > first && Double.isFinite(figure)
                    && op.isNamedInMetrics(id.substring(first + 1, id.length() - suffix.length()))) {
                total += figure;
            }
        }
        return Math.round(total * 10) / 10.0;
    }

    private static double max(JsonNode values, String suffix) {
        double most = 0;
        for (JsonNode value : values) {
            String id = value.path("id").asText();
            double figure = value.path("value").asDouble(0);
            // a source has no busy time: Flink reports NaN
            if (id.endsWith(suffix) && id.indexOf('.') == id.length() - suffix.length() && Double.isFinite(figure)) {
                most = Math.max(most, figure);
            }
        }
        return most;
    }
}
