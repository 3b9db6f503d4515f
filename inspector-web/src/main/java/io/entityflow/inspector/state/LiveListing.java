package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.flink.inspect.LiveEntities;
import io.entityflow.flink.inspect.LiveSubtask;
import io.entityflow.inspector.api.InspectorError;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.api.common.JobID;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lists the entities of a type in the live job, a page at a time, through a filter. The first page copies
 * every subtask's key set on its task thread (a cheap copy of references) into a snapshot that later pages
 * walk with a cursor; each page reads and filters its entities on their task threads in chunks of
 * {@link #CHUNK} keys, so no subtask stalls for long, and scans at most {@link #MAX_SCAN} keys, so a filter
 * that matches little still answers quickly (with a cursor to go on). The browser gets one page.
 */
public final class LiveListing {
    static final int CHUNK = 2_000;
    static final int MAX_SCAN = 200_000;
    private static final int SNAPSHOTS = 8;
    private static final Duration TASK_WAIT = Duration.ofSeconds(10);
    private final JobID jobId;
    private final EntityViews views;
    private final Map<String, KeySnapshot> snapshots = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeySnapshot> eldest) {
            return size() > SNAPSHOTS;
        }
    };

    private record KeySnapshot(String id, String type, List<LiveSubtask> subtasks, List<List<String>> keys) {
        long total() {
            return keys.stream().mapToLong(List::size).sum();
        }
    }

    public LiveListing(JobID jobId, EntityViews views) {
        this.jobId = jobId;
        this.views = views;
    }

    /** Whether the job's subtasks run in this JVM (an embedded run). */
    public boolean available(String type) {
        return !LiveEntities.of(jobId.toHexString(), type).isEmpty();
    }

    /**
     * @param cursor null for the first page, else the {@code next} of the page before
     * @return {items:[{key, fields}], next, scanned, total}
     */
    public ObjectNode page(String type, Filter filter, String cursor, int limit) {
        KeySnapshot snapshot;
        int subtask = 0;
        int offset = 0;
        if (cursor == null || cursor.isEmpty()) {
            snapshot = take(type);
        } else {
            String[] parts = cursor.split(":");
            synchronized (snapshots) {
                snapshot = parts.length == 3 ? snapshots.get(parts[0]) : null;
            }
            if (snapshot == null || !snapshot.type().equals(type)) {
                throw new InspectorError(410, "cursor_expired", "this listing is no longer kept; start again from the first page");
            }
            try {
                subtask = Integer.parseInt(parts[1]);
                offset = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                throw InspectorError.badRequest("bad_cursor", "malformed cursor " + cursor);
            }
        }
        ObjectNode page = views.mapper().createObjectNode();
        ArrayNode items = page.putArray("items");
        long scanned = 0;
        while (subtask < snapshot.subtasks().size() && items.size() < limit && scanned < MAX_SCAN) {
            List<String> keys = snapshot.keys().get(subtask);
            if (offset >= keys.size()) {
                subtask++;
                offset = 0;
                continue;
            }
            int from = offset;
            int to = Math.min(keys.size(), from + CHUNK);
            int wanted = limit - items.size();
            List<ObjectNode> found = new ArrayList<>();
            int stoppedAt = snapshot.subtasks().get(subtask).read(state -> {
                for (int i = from; i < to; i++) {
                    String key = keys.get(i);
                    SplitEntity entity = state.entity(key);
                    if (entity == null) {
                        continue; // gone since the keys were copied
                    }
                    ObjectNode fields = views.fields(entity);
                    String shown = key.substring(type.length() + 1); // the job's key is "type/key"
                    if (filter.matches(shown, fields)) {
                        ObjectNode item = views.mapper().createObjectNode().put("key", shown);
                        item.set("fields", fields);
                        found.add(item);
                        if (found.size() == wanted) {
                            return i + 1;
                        }
                    }
                }
                return to;
            }, TASK_WAIT);
            found.forEach(items::add);
            scanned += stoppedAt - from;
            offset = stoppedAt;
        }
        boolean more = subtask < snapshot.subtasks().size()
                && !(subtask == snapshot.subtasks().size() - 1 && offset >= snapshot.keys().get(subtask).size());
        page.put("next", more ? snapshot.id() + ":" + subtask + ":" + offset : null);
        page.put("scanned", scanned).put("total", snapshot.total()).put("source", "live");
        return page;
    }

    private KeySnapshot take(String type) {
        List<LiveSubtask> subtasks = LiveEntities.of(jobId.toHexString(), type);
        if (subtasks.isEmpty()) {
            throw new InspectorError(409, "not_embedded", "listing the live job needs its subtasks in this process "
                    + "(entityflow run); open a savepoint to list a cluster job's entities");
        }
        List<List<String>> keys = new ArrayList<>();
        for (LiveSubtask subtask : subtasks) {
            keys.add(subtask.read(state -> state.keys(), TASK_WAIT));
        }
        KeySnapshot snapshot = new KeySnapshot(UUID.randomUUID().toString().substring(0, 8), type, subtasks, keys);
        synchronized (snapshots) {
            snapshots.put(snapshot.id(), snapshot);
        }
        return snapshot;
    }
}
