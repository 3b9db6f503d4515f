package io.entityflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.flink.deploy.FlinkRestClient;
import io.entityflow.flink.deploy.LocalFlinkCluster;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.flink.gateway.client.EntityClient;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.kafka.LocalKafka;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster path end to end, as a user runs it: a Kafka broker and a standalone Flink cluster (a JobManager
 * and two task managers, separate JVMs on Flink's classpath alone); {@code entityflow deploy} of
 * {@code samples/checkout} with parallelism 4; the WDM checkout workload through a gateway in front of it; one
 * task manager killed with SIGKILL in the middle and a replacement started. The consistency check must hold.
 */
class ClusterDeploymentIT {
    private static final Path CHECKOUT = Path.of("..", "samples", "checkout");
    private static final int ORDERS = 1500;
    @TempDir
    static Path dir;
    private static LocalKafka kafka;
    private static LocalFlinkCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), 0);
        cluster = LocalFlinkCluster.start(new LocalFlinkCluster.Options(dir.resolve("flink"), 2, 4, 0,
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
    void checkoutsStayConsistentWhenATaskManagerIsKilledMidRun() throws Exception {
        CliRun deploy = CliRun.run("deploy", CHECKOUT.toString(), "--flink", cluster.restUrl().toString(),
                "--kafka", kafka.bootstrapServers(), "--parallelism", "4");
        assertThat(deploy.exitCode()).as(deploy.describe()).isZero();
        Matcher deployed = Pattern.compile("as job ([0-9a-f]{32})").matcher(deploy.out());
        assertThat(deployed.find()).as(deploy.out()).isTrue();
        String job = deployed.group(1);
        CompiledProgram program = CompiledProgram.compile(CHECKOUT);
        try (ClusterGateway gateway = ClusterGateway.start(program, kafka.bootstrapServers(), "checkout", "it", 4,
                GatewayOptions.defaults().withPort(0))) {
            String url = gateway.gateway().url().toString();
            CompletableFuture<CliRun> bench = CompletableFuture.supplyAsync(() -> CliRun.run("bench", CHECKOUT.toString(),
                    "--workload", "checkout", "--gateway", url, "--records", String.valueOf(ORDERS), "--warmup", "0",
                    "--duration", "300", "--rate", "100", "--outstanding", "256"));
            EntityClient client = EntityClient.connect(gateway.gateway().url()).withTimeout(Duration.ofSeconds(120));
            awaitCheckoutsUnderWay(client, bench);
            // before any failure: the subtasks are where the job was deployed, and the paid orders were paid there
            assertCallChainsCrossedTaskManagers(client, job);

            Process victim = cluster.taskManagers().get(0);
            long killed = System.nanoTime();
            cluster.kill(victim);
            cluster.startTaskManager();
            // a read sent right after the kill is answered once the job runs again and has checkpointed
            client.state("Item", "0");
            double recoverySeconds = (System.nanoTime() - killed) / 1e9;

            CliRun result = bench.get(10, TimeUnit.MINUTES);
            // printed once the bench, which captures System.out while it runs, is done
            System.out.printf("ClusterDeploymentIT: task manager killed; a request sent then was answered %.1f s later%n",
                    recoverySeconds);
            assertThat(result.exitCode()).as(result.describe()).isZero();
            JsonNode line = new ObjectMapper().readTree(result.outLines().get(result.outLines().size() - 1));
            System.out.println("ClusterDeploymentIT: " + line);
            assertThat(line.path("consistent").asBoolean()).as(result.describe()).isTrue();
            assertThat(line.path("target").asText()).isEqualTo(url);
        }
    }

    private static int subtaskOf(String type, String key, int maxParallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(Envelope.keyOf(EntityRef.of(type, key)), maxParallelism, 4);
    }

    /** Waits until some order is paid: the load phase is over and checkouts run. */
    private static void awaitCheckoutsUnderWay(EntityClient client, CompletableFuture<CliRun> bench) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            assertThat(bench).as("the bench ended before its checkouts began").isNotDone();
            List<CompletableFuture<Boolean>> paid = new java.util.ArrayList<>();
            for (int order = 0; order < 100; order++) {
                // an order's state holds records of entity references: the gateway reads them back from Kafka's bytes
                paid.add(client.stateAsync("Order", String.valueOf(order)).handle((state, notCreatedYet) ->
                        state != null && state.path("paid").asBoolean()));
            }
            for (CompletableFuture<Boolean> order : paid) {
                if (order.get(2, TimeUnit.MINUTES)) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no order was paid within 4 minutes");
    }

    /**
     * Keys of every subtask took part, and paid orders reached items on the other task manager: the order's
     * checkout called Item.subtractStock there and its answer came back through the loop.
     */
    private static void assertCallChainsCrossedTaskManagers(EntityClient client, String job) throws Exception {
        FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
        JsonNode vertex = null;
        for (JsonNode candidate : rest.get("jobs/" + job).path("vertices")) {
            if (candidate.path("name").asText().contains("checkout.Order")) {
                vertex = candidate;
            }
        }
        assertThat(vertex).as("the vertex running checkout.Order").isNotNull();
        int maxParallelism = vertex.path("maxParallelism").asInt(KeyGroupRangeAssignment.computeDefaultMaxParallelism(4));
        Map<Integer, String> taskManagerOf = new HashMap<>();
        for (JsonNode subtask : rest.get("jobs/" + job + "/vertices/" + vertex.path("id").asText()).path("subtasks")) {
            taskManagerOf.put(subtask.path("subtask").asInt(), subtask.path("taskmanager-id").asText());
        }
        assertThat(new HashSet<>(taskManagerOf.values())).as("subtasks on two task managers").hasSize(2);
        Set<Integer> subtasksUsed = new HashSet<>();
        int crossing = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (crossing == 0 && System.nanoTime() < deadline) {
            List<CompletableFuture<JsonNode>> orders = new java.util.ArrayList<>();
            for (int order = 0; order < 300; order++) {
                orders.add(client.stateAsync("Order", String.valueOf(order)));
            }
            for (int order = 0; order < orders.size(); order++) {
                JsonNode state = orders.get(order).get(2, TimeUnit.MINUTES);
                int orderSubtask = subtaskOf("checkout.Order", String.valueOf(order), maxParallelism);
                subtasksUsed.add(orderSubtask);
                if (!state.path("paid").asBoolean()) {
                    continue;
                }
                for (JsonNode line : state.path("lines")) {
                    String item = line.path("item").path("key").asText(line.path("item").asText());
                    int itemSubtask = subtaskOf("checkout.Item", item, maxParallelism);
                    subtasksUsed.add(itemSubtask);
                    if (!taskManagerOf.get(itemSubtask).equals(taskManagerOf.get(orderSubtask))) {
                        crossing++;
                    }
                }
            }
        }
        assertThat(subtasksUsed).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(crossing).as("paid orders whose items live on the other task manager").isPositive();
    }
}
