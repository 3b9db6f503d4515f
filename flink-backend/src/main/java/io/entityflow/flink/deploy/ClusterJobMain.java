package io.entityflow.flink.deploy;

import io.entityflow.flink.job.EntityJob;
import io.entityflow.flink.job.JobOptions;
import io.entityflow.flink.loop.LoopOptions;
import io.entityflow.flink.job.KafkaEdges;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * The entry point of a job jar: builds the entity job of the program the jar carries (its descriptor and
 * generated classes) with requests and responses on Kafka, and submits it. Flink runs this on the
 * JobManager when the jar is run through its REST API; the arguments are the deployment's
 * ({@link ClusterJobSettings#toArguments()}), the program is the jar's.
 */
public final class ClusterJobMain {
    private ClusterJobMain() {
    }

    public static void main(String[] args) throws Exception {
        ClusterJobSettings settings = ClusterJobSettings.fromArguments(ParameterTool.fromArgs(args));
        ProgramDescriptor program = ProgramDescriptor.load(Thread.currentThread().getContextClassLoader());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(configuration(settings), Thread.currentThread().getContextClassLoader());
        env.enableCheckpointing(settings.checkpointInterval().toMillis());
        env.setBufferTimeout(settings.bufferTimeout().toMillis());
        KafkaEdges.Topics topics = KafkaEdges.Topics.of(settings.kafka(), program.name());
        EntityJob.build(env, new EntityInvoker(new EntityTypes(null)), program.traits(), program.entityTypes(),
                JobOptions.defaults(program.name()).withKafka(topics).withCheckpointsAt(settings.flinkRestUrl())
                        .withLoop(LoopOptions.defaults(program.name()).overNetwork()));
        env.execute("entityflow " + program.name());
    }

    private static Configuration configuration(ClusterJobSettings settings) {
        Configuration configuration = new Configuration();
        if (settings.checkpointDir() != null) {
            configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
        }
        // a cancelled job's last checkpoint stays: it can be deployed from like a savepoint
        configuration.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        return configuration;
    }
}
