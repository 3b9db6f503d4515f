package io.entityflow.flink.loop;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.execution.Environment;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a job's feedback loop is set up: its id in the JVM (heads and producers find their channels by it), the
 * number of envelopes a channel keeps in memory before spilling to the task manager's temp directories, how
 * long a head's snapshot waits for the checkpoint barrier to come round to the producers, and whether the
 * whole loop runs in one JVM.
 *
 * <p>{@code inOneJvm} (an embedded or mini cluster): entity operators put calls and returns straight into the
 * channel of the head subtask that owns the destination key ({@link DirectFeedbackTail}) — a loop pass costs
 * a queue hand-over, not a network buffer (waiting up to the buffer timeout), a serialisation and a thread
 * switch. Otherwise (task managers in separate processes) a keyBy network edge takes them to a tail subtask
 * co-located with their head ({@link FeedbackTailOperator}).
 */
public record LoopOptions(String loopId, int memoryBound, Duration barrierTimeout, boolean inOneJvm) implements Serializable {

    /** A loop in one JVM: what embedded engines and mini clusters run. */
    public static LoopOptions defaults(String loopId) {
        return new LoopOptions(loopId, FeedbackChannel.DEFAULT_MEMORY_BOUND, Duration.ofMinutes(10), true);
    }

    /** The same loop over the network, for task managers in separate processes. */
    public LoopOptions overNetwork() {
        return new LoopOptions(loopId, memoryBound, barrierTimeout, false);
    }

    /**
     * The channel into head subtask {@code subtask} of the current attempt.
     *
     * @param producers how many producers mark each checkpoint in it
     */
    FeedbackChannel channel(int subtask, TaskInfo task, Environment environment, int producers) {
        String[] spillDirectories = environment.getIOManager().getSpillingDirectoriesPaths();
        Path spill = spillDirectories.length > 0 ? Path.of(spillDirectories[0])
                : Path.of(System.getProperty("java.io.tmpdir"));
        return FeedbackChannel.of(loopId, subtask, task.getAttemptNumber(), producers, memoryBound,
                spill.resolve("entityflow-loop"));
    }

    /**
     * How many producers mark each checkpoint in one head's channel: every subtask of every entity operator in
     * one JVM, else the one tail subtask beside the head.
     */
    int producers(int entityOperators, int parallelism) {
        return inOneJvm ? entityOperators * parallelism : 1;
    }

    void release(TaskInfo task) {
        FeedbackChannel.release(loopId, task.getIndexOfThisSubtask(), task.getAttemptNumber());
    }
}
