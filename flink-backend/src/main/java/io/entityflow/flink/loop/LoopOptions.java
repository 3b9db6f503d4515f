package io.entityflow.flink.loop;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.execution.Environment;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a job's feedback loop is set up: its id in the JVM (head and tail find their channel by it), the
 * number of envelopes a channel keeps in memory before spilling to the task manager's temp directories,
 * and how long a head's snapshot waits for the checkpoint barrier to come round to the tail.
 */
public record LoopOptions(String loopId, int memoryBound, Duration barrierTimeout) implements Serializable {

    public static LoopOptions defaults(String loopId) {
        return new LoopOptions(loopId, FeedbackChannel.DEFAULT_MEMORY_BOUND, Duration.ofMinutes(10));
    }

    FeedbackChannel channel(TaskInfo task, Environment environment) {
        String[] spillDirectories = environment.getIOManager().getSpillingDirectoriesPaths();
        Path spill = spillDirectories.length > 0 ? Path.of(spillDirectories[0])
                : Path.of(System.getProperty("java.io.tmpdir"));
        return FeedbackChannel.of(loopId, task.getIndexOfThisSubtask(), task.getAttemptNumber(), memoryBound,
                spill.resolve("entityflow-loop"));
    }

    void release(TaskInfo task) {
        FeedbackChannel.release(loopId, task.getIndexOfThisSubtask(), task.getAttemptNumber());
    }
}
