package io.entityflow.flink.embedded;

import io.entityflow.flink.job.JobOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job the {@link EmbeddedEngine} can run: it reads its requests and answers its clients through
 * {@link io.entityflow.flink.job.JobEdges} with the options given. An entity program is one; the
 * benchmark's hand-written baseline is another, run on the same cluster settings.
 */
@FunctionalInterface
public interface EngineJob {
    void build(StreamExecutionEnvironment env, JobOptions options);
}
