package io.entityflow.flink.inspect;

import java.time.Duration;
import java.util.function.Function;

/** One running subtask of an entity operator, as the inspector in the same JVM reaches it. */
public interface LiveSubtask {
    String entityType();

    int subtaskIndex();

    /** Whether {@code key} belongs to this subtask's key groups (reads of other keys fail). */
    boolean holds(String key);

    /** {@code work} applied to this subtask's state on its task thread, between two records. */
    <R> R read(Function<LiveEntityState, R> work, Duration timeout);
}
