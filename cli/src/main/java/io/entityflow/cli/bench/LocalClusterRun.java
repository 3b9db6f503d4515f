package io.entityflow.cli.bench;

import io.entityflow.cli.ClusterGateway;
import io.entityflow.flink.deploy.ClusterJobSettings;
import io.entityflow.flink.deploy.ClusterJobs;
import io.entityflow.flink.deploy.JobJar;
import io.entityflow.flink.deploy.LocalFlinkCluster;
import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.kafka.LocalKafka;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The program as {@code bench --cluster} measures it: deployed to a standalone Flink cluster (a JobManager
 * and two task managers) with a Kafka broker, all separate JVMs on this machine, behind a gateway in this
 * process — what {@code cluster start}, {@code deploy} and {@code gateway} set up — removed afterwards.
 */
final class LocalClusterRun implements AutoCloseable {
    private static final int TASK_MANAGERS = 2;
    private final Path directory;
    private final LocalKafka kafka;
    private final LocalFlinkCluster cluster;
    private final ClusterGateway gateway;

    private LocalClusterRun(Path directory, LocalKafka kafka, LocalFlinkCluster cluster, ClusterGateway gateway) {
        this.directory = directory;
        this.kafka = kafka;
        this.cluster = cluster;
        this.gateway = gateway;
    }

    static LocalClusterRun start(CompiledProgram program, BenchSettings settings, PrintWriter err) throws Exception {
        Path directory = Files.createTempDirectory("entityflow-bench-cluster-");
        LocalKafka kafka = null;
        LocalFlinkCluster cluster = null;
        try {
            kafka = LocalKafka.start(directory.resolve("kafka"), 0);
            int slots = (settings.parallelism() + TASK_MANAGERS - 1) / TASK_MANAGERS;
            cluster = LocalFlinkCluster.start(new LocalFlinkCluster.Options(directory.resolve("flink"), TASK_MANAGERS, slots, 0,
                    LocalFlinkCluster.Options.ownClasspath(), true));
            Path jar = JobJar.write("bench", program, directory.resolve("bench.jar")).jar();
            ClusterJobSettings job = ClusterJobSettings.defaults(kafka.bootstrapServers())
                    .withCheckpointInterval(Duration.ofMillis(settings.checkpointMillis()));
            String jobId = new ClusterJobs(cluster.restUrl()).deploy(jar,
                    new ClusterJobs.Deployment(job, settings.parallelism(), null, false)).jobId();
            err.printf("cluster: job %s on %s (%d task managers), Kafka %s%n", jobId, cluster.restUrl(), TASK_MANAGERS,
                    kafka.bootstrapServers());
            err.flush();
            ClusterGateway gateway = ClusterGateway.start(program, kafka.bootstrapServers(), "bench", "bench",
                    settings.parallelism(), GatewayOptions.defaults().withPort(0));
            return new LocalClusterRun(directory, kafka, cluster, gateway);
        } catch (Exception | Error e) {
            if (cluster != null) {
                cluster.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            BenchTarget.delete(directory);
            throw e;
        }
    }

    URI gatewayUrl() {
        return gateway.gateway().url();
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            cluster.close();
            kafka.close();
            BenchTarget.delete(directory);
        }
    }
}
