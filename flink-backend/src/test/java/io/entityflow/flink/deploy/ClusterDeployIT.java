package io.entityflow.flink.deploy;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.flink.gateway.KafkaRequestSubmitter;
import io.entityflow.flink.job.KafkaEdges;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.kafka.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A job jar deployed to a standalone cluster of separate JVMs whose classpath is Flink's alone: the jar
 * carries everything else. Requests reach it through Kafka and answers come back on the gateway's topic.
 */
class ClusterDeployIT {
    @TempDir
    static Path dir;
    private static LocalKafka kafka;
    private static LocalFlinkCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), 0);
        cluster = LocalFlinkCluster.start(new LocalFlinkCluster.Options(dir.resolve("flink"), 2, 2, 0,
                LocalFlinkCluster.Options.ownClasspath(), true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aJobJarRunsTheShopOnTheClusterAnswersWithoutWaitingForThePeriodicCheckpointAndStopsWithASavepoint() throws Exception {
        Path jar = JobJar.write("shop", CompiledProgram.compile(Path.of("..", "samples", "shop")), dir.resolve("shop.jar")).jar();
        ClusterJobs jobs = new ClusterJobs(cluster.restUrl());
        // a periodic checkpoint every ten minutes: each answer below comes back because a waiting response asks the
        // JobManager for a checkpoint (the Kafka sink makes responses visible when one completes)
        ClusterJobSettings settings = ClusterJobSettings.defaults(kafka.bootstrapServers()).withCheckpointInterval(java.time.Duration.ofMinutes(10));
        String job = jobs.deploy(jar, new ClusterJobs.Deployment(settings, 4, null, false)).jobId();
        assertThat(jobs.jobs()).anySatisfy(j -> {
            assertThat(j.id()).isEqualTo(job);
            assertThat(j.state()).isEqualTo("RUNNING");
            assertThat(j.name()).isEqualTo("entityflow shop");
        });
        KafkaEdges.Topics topics = KafkaEdges.Topics.of(kafka.bootstrapServers(), "shop");
        try (KafkaRequestSubmitter gateway = KafkaRequestSubmitter.start("it", topics, 4)) {
            EntityRef apple = EntityRef.of("shop.Item", "apple");
            EntityRef ann = EntityRef.of("shop.User", "ann");
            assertThat(answer(gateway, Envelope.create(RequestIds.generate(), apple, new Object[] {"apple", 3}, List.of()))).isEqualTo(apple);
            assertThat(answer(gateway, Envelope.call(RequestIds.generate(), apple, "updateStock", new Object[] {5}, List.of()))).isEqualTo(true);
            answer(gateway, Envelope.create(RequestIds.generate(), ann, new Object[] {"ann"}, List.of()));
            answer(gateway, Envelope.call(RequestIds.generate(), ann, "deposit", new Object[] {10}, List.of()));
            // a call chain: User.buyItem calls Item.getPrice and Item.updateStock
            assertThat(answer(gateway, Envelope.call(RequestIds.generate(), ann, "buyItem", new Object[] {2, apple}, List.of()))).isEqualTo(true);
            assertThat(answer(gateway, Envelope.call(RequestIds.generate(), apple, "getStock", new Object[0], List.of()))).isEqualTo(3);

            // a burst: every subtask asks for checkpoints while answers wait, but never more than one at a time, so
            // once the burst is answered no queue of asked-for checkpoints goes on running
            // (keys on every subtask; items nobody created answer with an error, which waits for its checkpoint too)
            List<java.util.concurrent.CompletableFuture<Envelope>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                burst.add(gateway.submit(Envelope.call(RequestIds.generate(), EntityRef.of("shop.Item", "i" + i % 200),
                        "getStock", new Object[0], List.of())));
            }
            for (java.util.concurrent.CompletableFuture<Envelope> call : burst) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isNotNull();
            }
            FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
            long atLastAnswer = completedCheckpoints(rest, job);
            long settled = checkpointsOnceSettled(rest, job);
            System.out.println("ClusterDeployIT: checkpoints completed after the burst's last answer: " + (settled - atLastAnswer));
            // each subtask has at most one checkpoint asked for, and asks once more after it when responses came in
            // during it: two per subtask at most, then no more
            assertThat(settled - atLastAnswer).as("checkpoints run after the burst was answered (4 subtasks, two each at most)")
                    .isLessThanOrEqualTo(8);
        }
        String savepoint = jobs.stop(job, dir.resolve("savepoints").toUri().toString());
        assertThat(Files.exists(Path.of(URI.create(savepoint)).resolve("_metadata"))).isTrue();
    }

    @Test
    void aJarForAnotherFlinkOrAnUnreachableClusterOrKafkaIsRefusedQuickly() throws Exception {
        ClusterJobs.Deployment deployment = new ClusterJobs.Deployment(ClusterJobSettings.defaults(kafka.bootstrapServers()), 1, null, false);
        int jobsBefore = new ClusterJobs(cluster.restUrl()).jobs().size();
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ClusterJobs(URI.create("http://127.0.0.1:" + io.entityflow.flink.embedded.FreePorts.any()))
                .deploy(JobJar.write("shop", CompiledProgram.compile(Path.of("..", "samples", "shop")), dir.resolve("a.jar")).jar(), deployment))
                .isInstanceOf(FlinkRestClient.Unreachable.class).hasMessageContaining("does not answer");
        ClusterJobs jobs = new ClusterJobs(cluster.restUrl());
        Path jar = dir.resolve("a.jar");
        assertThatThrownBy(() -> jobs.deploy(jar, new ClusterJobs.Deployment(
                ClusterJobSettings.defaults("127.0.0.1:" + io.entityflow.flink.embedded.FreePorts.any()), 1, null, false)))
                .isInstanceOf(DeployException.class).hasMessageContaining("Kafka at 127.0.0.1:").hasMessageContaining("does not answer");
        Path other = OtherFlinkJar.rewrite(jar, dir.resolve("other.jar"), "1.19.1");
        assertThatThrownBy(() -> jobs.deploy(other, deployment)).isInstanceOf(DeployException.class)
                .hasMessageContaining("built for Flink 1.19.1").hasMessageContaining("runs Flink 1.20");
        assertThatThrownBy(() -> jobs.deploy(dir.resolve("missing.jar"), deployment)).hasMessageContaining("no job jar at");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
        assertThat(jobs.jobs()).as("refused deploys submit nothing").hasSize(jobsBefore);
    }

    /**
     * The completed-checkpoint count once it stops growing. Flink's REST API caches checkpoint statistics for up to
     * {@code web.refresh-interval} (3 s), so reads further apart than that are fresh: two equal ones mean the job
     * ran no checkpoint in between. Fails when checkpoints go on running for 30 s.
     */
    private static long checkpointsOnceSettled(FlinkRestClient rest, String job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long last = completedCheckpoints(rest, job);
        while (System.nanoTime() < deadline) {
            Thread.sleep(3500);
            long now = completedCheckpoints(rest, job);
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("checkpoints still running 30 s after the burst was answered (" + last + " completed)");
    }

    private static long completedCheckpoints(FlinkRestClient rest, String job) {
        return rest.get("jobs/" + job + "/checkpoints").path("counts").path("completed").asLong();
    }

    private static Object answer(KafkaRequestSubmitter gateway, Envelope request) throws Exception {
        return gateway.submit(request).get(60, TimeUnit.SECONDS).value();
    }
}
