package io.entityflow.flink.embedded;

import io.entityflow.flink.job.JobOptions;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the embedded engine runs: where checkpoints and savepoints live (a later start on the same
 * directory resumes from the newest one), the parallelism, the checkpoint interval (with committed
 * responses also the main part of a response's latency), the port of Flink's web UI (0: any free one), and
 * whether checkpoints are incremental: with {@code changelog} (the default) every state change is also
 * appended to a changelog under the state directory, and a checkpoint uploads only the changes since the
 * last one, so its cost follows the update rate instead of the number of entities (Flink materialises a
 * full snapshot in the background every 5 s). Without it, every checkpoint writes all entities.
 * {@code bufferTimeout} is how long a request or response may wait for its network buffer to fill: 1 ms (the
 * default) batches them under load; 0 sends each at once. The feedback loop runs in one JVM here and hands
 * envelopes over without a network buffer (it was the buffer timeout on the loop edge that bounded a hot
 * entity's transaction rate). {@code checkpointOnDemand} (the default, with committed responses): a checkpoint
 * is asked for as soon as a response waits for one, so at idle an answer waits one checkpoint instead of the rest
 * of the interval; off, responses wait for the periodic checkpoints only. {@code maxActiveTransactions}: how many
 * transactions each loop subtask may have begun and not ended before it reads no more requests (0: no limit);
 * strict two-phase locking thrashes when thousands begin at once (docs/transactions.md, "Admission").
 */
public record EngineOptions(Path stateDir, int parallelism, Duration checkpointInterval, boolean committedResponses,
                            int webUiPort, boolean changelog, Duration bufferTimeout, boolean checkpointOnDemand,
                            int maxActiveTransactions) {

    public EngineOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (bufferTimeout.isNegative()) {
            throw new IllegalArgumentException("buffer timeout must not be negative, got " + bufferTimeout);
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpoint interval must be at least 10 ms, got " + checkpointInterval);
        }
        if (maxActiveTransactions < 0) {
            throw new IllegalArgumentException("max active transactions must not be negative, got " + maxActiveTransactions);
        }
    }

    public static EngineOptions defaults(Path stateDir) {
        return new EngineOptions(stateDir, 2, Duration.ofMillis(100), true, 0, true, Duration.ofMillis(1), true,
                JobOptions.DEFAULT_MAX_ACTIVE_TRANSACTIONS);
    }

    public EngineOptions withParallelism(int value) {
        return new EngineOptions(stateDir, value, checkpointInterval, committedResponses, webUiPort, changelog, bufferTimeout, checkpointOnDemand,
                maxActiveTransactions);
    }

    public EngineOptions withCheckpointInterval(Duration value) {
        return new EngineOptions(stateDir, parallelism, value, committedResponses, webUiPort, changelog, bufferTimeout, checkpointOnDemand,
                maxActiveTransactions);
    }

    public EngineOptions withCommittedResponses(boolean value) {
        return new EngineOptions(stateDir, parallelism, checkpointInterval, value, webUiPort, changelog, bufferTimeout, checkpointOnDemand,
                maxActiveTransactions);
    }

    public EngineOptions withWebUiPort(int value) {
        return new EngineOptions(stateDir, parallelism, checkpointInterval, committedResponses, value, changelog, bufferTimeout, checkpointOnDemand,
                maxActiveTransactions);
    }

    public EngineOptions withChangelog(boolean value) {
        return new EngineOptions(stateDir, parallelism, checkpointInterval, committedResponses, webUiPort, value, bufferTimeout, checkpointOnDemand,
                maxActiveTransactions);
    }

    public EngineOptions withBufferTimeout(Duration value) {
        return new EngineOptions(stateDir, parallelism, checkpointInterval, committedResponses, webUiPort, changelog, value, checkpointOnDemand,
                maxActiveTransactions);
    }

    public EngineOptions withCheckpointOnDemand(boolean value) {
        return new EngineOptions(stateDir, parallelism, checkpointInterval, committedResponses, webUiPort, changelog, bufferTimeout, value,
                maxActiveTransactions);
    }

    public EngineOptions withMaxActiveTransactions(int value) {
        return new EngineOptions(stateDir, parallelism, checkpointInterval, committedResponses, webUiPort, changelog, bufferTimeout,
                checkpointOnDemand, value);
    }

    Path checkpoints() {
        return stateDir.resolve("checkpoints");
    }

    Path savepoints() {
        return stateDir.resolve("savepoints");
    }

    Path changelogs() {
        return stateDir.resolve("changelog");
    }
}
