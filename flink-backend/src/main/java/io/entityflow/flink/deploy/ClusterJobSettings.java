package io.entityflow.flink.deploy;

import org.apache.flink.api.java.utils.ParameterTool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a job jar runs on a cluster, passed as its program arguments: the Kafka it talks to, how often it
 * checkpoints (a response leaves with the checkpoint holding its effects, so this bounds latency from
 * below), where checkpoints go (null: the cluster's {@code execution.checkpointing.dir}) and how long
 * network buffers wait to fill; {@code flinkRestUrl}, where a waiting response asks for a checkpoint at once (null:
 * responses wait for the periodic checkpoints).
 */
public record ClusterJobSettings(String kafka, Duration checkpointInterval, String checkpointDir, Duration bufferTimeout,
                                 String flinkRestUrl) {
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMillis(200);

    public ClusterJobSettings {
        if (kafka == null || kafka.isBlank()) {
            throw new IllegalArgumentException("a job on a cluster needs Kafka's address (host:port)");
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpoint interval must be at least 10 ms, got " + checkpointInterval);
        }
    }

    public static ClusterJobSettings defaults(String kafka) {
        return new ClusterJobSettings(kafka, DEFAULT_CHECKPOINT_INTERVAL, null, Duration.ofMillis(1), null);
    }

    public ClusterJobSettings withCheckpointInterval(Duration interval) {
        return new ClusterJobSettings(kafka, interval, checkpointDir, bufferTimeout, flinkRestUrl);
    }

    public ClusterJobSettings withCheckpointDir(String dir) {
        return new ClusterJobSettings(kafka, checkpointInterval, dir, bufferTimeout, flinkRestUrl);
    }

    public ClusterJobSettings withFlinkRestUrl(String url) {
        return new ClusterJobSettings(kafka, checkpointInterval, checkpointDir, bufferTimeout, url);
    }

    public List<String> toArguments() {
        List<String> args = new ArrayList<>(List.of("--kafka", kafka,
                "--checkpoint-interval-ms", String.valueOf(checkpointInterval.toMillis()),
                "--buffer-timeout-ms", String.valueOf(bufferTimeout.toMillis())));
        if (checkpointDir != null) {
            args.addAll(List.of("--checkpoint-dir", checkpointDir));
        }
        if (flinkRestUrl != null) {
            args.addAll(List.of("--checkpoints-at", flinkRestUrl));
        }
        return args;
    }

    static ClusterJobSettings fromArguments(ParameterTool args) {
        return new ClusterJobSettings(args.getRequired("kafka"),
                Duration.ofMillis(args.getLong("checkpoint-interval-ms", DEFAULT_CHECKPOINT_INTERVAL.toMillis())),
                args.get("checkpoint-dir"), Duration.ofMillis(args.getLong("buffer-timeout-ms", 1)), args.get("checkpoints-at"));
    }
}
