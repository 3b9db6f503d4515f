package io.entityflow.flink.inspect;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entity operator subtasks running in this JVM, by job: the side channel through which the inspector
 * of an embedded run lists and filters entities on their task threads. Subtasks register when they open
 * and leave when they close (a restart registers the new ones).
 */
public final class LiveEntities {
    private static final Map<String, Map<String, LiveSubtask>> BY_JOB = new ConcurrentHashMap<>();

    private LiveEntities() {
    }

    public static void register(String jobId, LiveSubtask subtask) {
        BY_JOB.computeIfAbsent(jobId, id -> new ConcurrentHashMap<>()).put(id(subtask), subtask);
    }

    public static void unregister(String jobId, LiveSubtask subtask) {
        Map<String, LiveSubtask> subtasks = BY_JOB.get(jobId);
        if (subtasks != null) {
            subtasks.remove(id(subtask), subtask);
        }
    }

    /** The subtasks of {@code entityType} (qualified name) of the job, by subtask index; empty when none runs here. */
    public static List<LiveSubtask> of(String jobId, String entityType) {
        Map<String, LiveSubtask> subtasks = BY_JOB.getOrDefault(jobId, Map.of());
        return subtasks.values().stream().filter(s -> s.entityType().equals(entityType))
                .sorted(Comparator.comparingInt(LiveSubtask::subtaskIndex)).toList();
    }

    private static String id(LiveSubtask subtask) {
        return subtask.entityType() + "#" + subtask.subtaskIndex();
    }
}
