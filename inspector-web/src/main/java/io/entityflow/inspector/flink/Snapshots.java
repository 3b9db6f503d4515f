package io.entityflow.inspector.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.inspector.api.InspectorError;
import org.apache.flink.api.common.JobID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints and savepoints of the job. Flink's REST history keeps only the last few checkpoints, so this
 * keeps its own ({@link #poll}, about once a second, up to {@link #MAX_CHECKPOINTS}); savepoints are the
 * folders of the savepoint directory plus those triggered here, each with an id the page opens it by.
 */
public final class Snapshots {
    static final int MAX_CHECKPOINTS = 2_000;
    private static final long SAVEPOINT_WAIT_MILLIS = 120_000;
    private final FlinkRest rest;
    private final JobID jobId;
    private final Path savepointDir;
    private final ObjectMapper mapper = new ObjectMapper();
    private final LinkedHashMap<Long, ObjectNode> checkpoints = new LinkedHashMap<>();

    public Snapshots(FlinkRest rest, JobID jobId, Path savepointDir) {
        this.rest = rest;
        this.jobId = jobId;
        this.savepointDir = savepointDir;
    }

    /** Records the checkpoints Flink reports now (completed, failed, in progress). */
    public synchronized void poll() {
        JsonNode history = rest.get("/jobs/" + jobId + "/checkpoints").path("history");
        for (JsonNode checkpoint : history) {
            long id = checkpoint.path("id").asLong();
            ObjectNode entry = mapper.createObjectNode().put("id", id)
                    .put("status", checkpoint.path("status").asText())
                    .put("savepoint", checkpoint.path("is_savepoint").asBoolean())
                    .put("triggered", checkpoint.path("trigger_timestamp").asLong())
                    .put("durationMs", checkpoint.path("end_to_end_duration").asLong())
                    .put("bytes", checkpoint.path("state_size").asLong())
                    .put("path", checkpoint.path("external_path").asText(""));
            checkpoints.put(id, entry);
        }
        while (checkpoints.size() > MAX_CHECKPOINTS) {
            checkpoints.remove(checkpoints.keySet().iterator().next());
        }
    }

    /** Newest first, at most {@code limit}. */
    public synchronized ArrayNode checkpoints(int limit) {
        List<ObjectNode> all = new ArrayList<>(checkpoints.values());
        ArrayNode out = mapper.createArrayNode();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i));
        }
        return out;
    }

    public synchronized int checkpointCount() {
        return checkpoints.size();
    }

    /** Savepoints in the savepoint directory, newest first: {id, path, created}. */
    public ArrayNode savepoints() {
        ArrayNode out = mapper.createArrayNode();
        for (Path path : savepointPaths()) {
            try {
                out.addObject().put("id", path.getFileName().toString()).put("path", path.toString())
                        .put("created", Files.getLastModifiedTime(path).toMillis());
            } catch (IOException e) {
                // removed meanwhile
            }
        }
        return out;
    }

    private List<Path> savepointPaths() {
        if (savepointDir == null || !Files.isDirectory(savepointDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(savepointDir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .sorted(Comparator.comparing(Snapshots::modified).reversed()).toList();
        } catch (IOException e) {
            throw new InspectorError(500, "savepoints_unreadable", "cannot list " + savepointDir + ": " + e.getMessage());
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The savepoint with this id (its folder name). */
    public Path savepoint(String id) {
        Optional<Path> found = savepointPaths().stream().filter(p -> p.getFileName().toString().equals(id)).findFirst();
        return found.orElseThrow(() -> InspectorError.notFound("unknown_snapshot", "no savepoint " + id
                + (savepointDir == null ? " (this inspector has no savepoint directory)" : " in " + savepointDir)));
    }

    /** Triggers a savepoint into the savepoint directory and waits for it: {id, path}. */
    public ObjectNode triggerSavepoint() {
        if (savepointDir == null) {
            throw new InspectorError(409, "no_savepoint_dir", "start the inspector with a state directory to take savepoints");
        }
        ObjectNode body = mapper.createObjectNode().put("target-directory", savepointDir.toAbsolutePath().toUri().toString())
                .put("cancel-job", false).put("formatType", "CANONICAL");
        String trigger = rest.post("/jobs/" + jobId + "/savepoints", body).path("request-id").asText();
        long deadline = System.currentTimeMillis() + SAVEPOINT_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = rest.get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    String cause = operation.path("failure-cause").path("stack-trace").asText("").lines().findFirst().orElse("");
                    throw new InspectorError(502, "savepoint_failed", "the savepoint failed: " + cause);
                }
                String location = operation.path("location").asText();
                Path path = Path.of(java.net.URI.create(location.startsWith("file:") ? location : "file:" + location));
                return mapper.createObjectNode().put("id", path.getFileName().toString()).put("path", path.toString());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InspectorError(503, "interrupted", "interrupted while waiting for the savepoint");
            }
        }
        throw new InspectorError(504, "savepoint_timeout", "the savepoint did not complete within "
                + SAVEPOINT_WAIT_MILLIS / 1000 + " s");
    }
}
