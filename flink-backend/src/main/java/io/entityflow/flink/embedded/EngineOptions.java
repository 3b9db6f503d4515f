package io.entityflow.flink.embedded;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the embedded engine runs: where checkpoints and savepoints live (a later start on the same
 * directory resumes from the newest one), the parallelism, the checkpoint interval (with committed
 * responses also the main part of a response's latency), and the port of Flink's web UI (0: any free one).
 */
public record EngineOptions(Path stateDir, int parallelism, Duration checkpointInterval, boolean committedResponses,
                            int webUiPort) {

    public EngineOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpoint interval must be at least 10 ms, got " + checkpointInterval);
        }
    }

    public static EngineOptions defaults(Path stateDir) {
        return new EngineOptions(stateDir, 2, Duration.ofMillis(100), true, 0);
    }

    public EngineOptions withParallelism(int value) {
        return new EngineOptions(stateDir, value, checkpointInterval, committedResponses, webUiPort);
    }

    public EngineOptions withCheckpointInterval(Duration value) {
        return new EngineOptions(stateDir, parallelism, value, committedResponses, webUiPort);
    }

    public EngineOptions withCommittedResponses(boolean value) {
        return new EngineOptions(stateDir, parallelism, checkpointInterval, value, webUiPort);
    }

    public EngineOptions withWebUiPort(int value) {
        return new EngineOptions(stateDir, parallelism, checkpointInterval, committedResponses, value);
    }

    Path checkpoints() {
        return stateDir.resolve("checkpoints");
    }

    Path savepoints() {
        return stateDir.resolve("savepoints");
    }
}
