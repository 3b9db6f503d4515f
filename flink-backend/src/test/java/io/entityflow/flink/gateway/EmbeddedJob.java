package io.entityflow.flink.gateway;

import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.job.EntityJob;
import io.entityflow.flink.job.RequestQueues;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.ir.codegen.CompiledProgram;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A program's entity job on a shared MiniCluster (parallelism 2, checkpoints every 250 ms), fed through its request queue. */
final class EmbeddedJob implements AutoCloseable {
    private final MiniCluster cluster;
    private final String name = "entityflow-gateway-test-" + UUID.randomUUID();
    private final JobID id;

    private EmbeddedJob(MiniCluster cluster, CompiledProgram program) throws Exception {
        this.cluster = cluster;
        UserClasses.register(program.classes());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.setBufferTimeout(1);
        env.enableCheckpointing(250);
        EntityJob.build(env, new EntityInvoker(new EntityTypes(null)), program.entityTypes(),
                io.entityflow.flink.job.JobOptions.defaults(name).withCommittedResponses(false));
        this.id = cluster.submitJob(env.getStreamGraph().getJobGraph()).get(60, TimeUnit.SECONDS).getJobID();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cluster.getJobStatus(id).get(10, TimeUnit.SECONDS) != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the entity job is not running after 60 s");
            }
            Thread.sleep(20);
        }
    }

    static MiniCluster startCluster() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, 8);
        // any free port for the REST endpoint: a fixed 8081 collides with other clusters on the machine
        configuration.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(configuration)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(8).build());
        cluster.start();
        return cluster;
    }

    static EmbeddedJob start(MiniCluster cluster, CompiledProgram program) throws Exception {
        return new EmbeddedJob(cluster, program);
    }

    /** What the gateway submits to: the job's request queue, as in production. */
    RequestSubmitter submitter() {
        return RequestQueues.of(name)::submit;
    }

    @Override
    public void close() throws Exception {
        cluster.cancelJob(id).get(30, TimeUnit.SECONDS);
        RequestQueues.release(name);
    }
}
