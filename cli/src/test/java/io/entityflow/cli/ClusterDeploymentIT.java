package io.entityflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.flink.deploy.FlinkRestClient;
import io.entityflow.flink.deploy.LocalFlinkCluster;
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
            keepLogs(dir.resolve("flink").resolve("log"));
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
        String job = jobIdIn(deploy);
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
        CliRun cancel = CliRun.run("stop", "--flink", cluster.restUrl().toString(), job, "--cancel");
        assertThat(cancel.exitCode()).as(cancel.describe()).isZero();
    }

    private static int subtaskOf(String type, String key, int maxParallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(EntityRef.of(type, key).path(), maxParallelism, 4);
    }

    /**
     * Stop with a savepoint, change the entity code, deploy from the savepoint: saved entities keep their
     * fields, a new field takes its initial value, a new method and a new entity type work. A changed field
     * type is refused, by check and by deploy, before anything reaches the cluster.
     */
    @Test
    void anUpgradeKeepsEveryEntitysStateAndAnIncompatibleOneIsRefused() throws Exception {
        Path v1 = copyOfShop("v1");
        String flink = cluster.restUrl().toString();
        CliRun deployV1 = CliRun.run("deploy", v1.toString(), "--name", "shop-upgrade", "--flink", flink,
                "--kafka", kafka.bootstrapServers(), "--parallelism", "2");
        assertThat(deployV1.exitCode()).as(deployV1.describe()).isZero();
        String jobV1 = jobIdIn(deployV1);
        try (ClusterGateway gateway = ClusterGateway.start(CompiledProgram.compile(v1), kafka.bootstrapServers(),
                "shop-upgrade", "upgrade-v1", 2, GatewayOptions.defaults().withPort(0))) {
            EntityClient client = EntityClient.connect(gateway.gateway().url()).withTimeout(Duration.ofSeconds(60));
            client.create("Item", "apple", 3);
            client.call("Item", "apple", "updateStock", 5);
            client.create("User", "ann");
            client.call("User", "ann", "deposit", 10);
            assertThat(client.call("User", "ann", "buyItem", 2, "apple").asBoolean()).isTrue();
        }
        CliRun stop = CliRun.run("stop", "--flink", flink, jobV1, "--savepoint", dir.resolve("savepoints").toString());
        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        Matcher savepointLine = Pattern.compile("savepoint (\\S+)").matcher(stop.out());
        assertThat(savepointLine.find()).as(stop.out()).isTrue();
        String savepoint = savepointLine.group(1);

        Path v2 = copyOfShop("v2");
        replace(v2.resolve("Item.java"), "    private int price;\n", "    private int price;\n    private String label = \"fresh\";\n");
        replace(v2.resolve("Item.java"), "    @ReadOnly\n    public int getStock() {", "    @ReadOnly\n    public String getLabel() {\n"
                + "        return label;\n    }\n\n    @ReadOnly\n    public int getStock() {");
        java.nio.file.Files.writeString(v2.resolve("Review.java"), """
                package shop;

                import io.entityflow.api.Entity;
                import io.entityflow.api.Key;

                @Entity
                public class Review {
                    @Key
                    private String id;
                    private int stars;

                    public Review(String id, int stars) {
                        this.id = id;
                        this.stars = stars;
                    }

                    public int getStars() {
                        return stars;
                    }
                }
                """);
        Path v3 = copyOfShop("v3");
        replace(v3.resolve("Item.java"), "    private int stock;", "    private long stock;");
        replace(v3.resolve("Item.java"), "    public int getStock() {", "    public long getStock() {");

        CliRun compatible = CliRun.run("check", v2.toString(), "--against-savepoint", savepoint);
        assertThat(compatible.exitCode()).as(compatible.describe()).isZero();
        assertThat(compatible.out()).contains("shop.Item.label: new").contains("entity type shop.Review: new");
        CliRun incompatible = CliRun.run("check", v3.toString(), "--against-savepoint", savepoint);
        assertThat(incompatible.exitCode()).as(incompatible.describe()).isEqualTo(1);
        assertThat(incompatible.out()).contains("shop.Item.stock: saved as int, now declared long");
        int jobsBefore = new io.entityflow.flink.deploy.ClusterJobs(cluster.restUrl()).jobs().size();
        CliRun refused = CliRun.run("deploy", v3.toString(), "--name", "shop-upgrade", "--flink", flink,
                "--kafka", kafka.bootstrapServers(), "--parallelism", "2", "--from-savepoint", savepoint);
        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.err()).contains("shop.Item.stock: saved as int, now declared long");
        assertThat(new io.entityflow.flink.deploy.ClusterJobs(cluster.restUrl()).jobs()).as("nothing deployed").hasSize(jobsBefore);

        CliRun deployV2 = CliRun.run("deploy", v2.toString(), "--name", "shop-upgrade", "--flink", flink,
                "--kafka", kafka.bootstrapServers(), "--parallelism", "2", "--from-savepoint", savepoint);
        assertThat(deployV2.exitCode()).as(deployV2.describe()).isZero();
        assertThat(deployV2.out()).contains("upgrade: shop.Item.label: new");
        try (ClusterGateway gateway = ClusterGateway.start(CompiledProgram.compile(v2), kafka.bootstrapServers(),
                "shop-upgrade", "upgrade-v2", 2, GatewayOptions.defaults().withPort(0))) {
            EntityClient client = EntityClient.connect(gateway.gateway().url()).withTimeout(Duration.ofSeconds(60));
            JsonNode apple = client.state("Item", "apple");
            assertThat(apple.path("stock").asInt()).isEqualTo(3);
            assertThat(apple.path("price").asInt()).isEqualTo(3);
            assertThat(apple.path("label").asText()).isEqualTo("fresh");
            assertThat(client.call("Item", "apple", "getLabel").asText()).isEqualTo("fresh");
            assertThat(client.call("User", "ann", "getBalance").asInt()).isEqualTo(1 + 10 - 6);
            client.create("Review", "r1", 5);
            assertThat(client.call("Review", "r1", "getStars").asInt()).isEqualTo(5);
            assertThat(client.call("User", "ann", "buyItem", 1, "apple").asBoolean()).isTrue();
            assertThat(client.state("Item", "apple").path("stock").asInt()).isEqualTo(2);
            assertTheInspectorReadsEntitiesOnTheCluster(v2, jobIdIn(deployV2));
        }
        CliRun stopV2 = CliRun.run("stop", "--flink", flink, jobIdIn(deployV2), "--cancel");
        assertThat(stopV2.exitCode()).as(stopV2.describe()).isZero();
    }

    /**
     * entityflow inspect against the cluster job: an entity looked up through a task manager's queryable-state proxy.
     * Each live task manager's proxy is tried in turn (a user given one that does not answer tries another); which
     * ones did not answer is printed, with what the task managers logged about queryable state, if all fail.
     */
    private static void assertTheInspectorReadsEntitiesOnTheCluster(Path program, String job) throws Exception {
        List<String> attempts = new java.util.ArrayList<>();
        for (java.net.InetSocketAddress proxy : cluster.queryableStateProxies()) {
            java.net.http.HttpResponse<String> apple = lookUpThrough(proxy, program, job);
            if (apple.statusCode() == 200) {
                if (!attempts.isEmpty()) {
                    System.out.println("ClusterDeploymentIT: queryable state answered through " + proxy + " after " + attempts);
                }
                JsonNode read = new ObjectMapper().readTree(apple.body());
                assertThat(read.path("fields").path("label").asText()).isEqualTo("fresh");
                assertThat(read.path("source").asText()).isEqualTo("queryable state");
                return;
            }
            attempts.add(proxy + ": " + apple.statusCode() + " " + apple.body());
        }
        throw new AssertionError("no task manager's queryable-state proxy answered: " + attempts + "\n" + queryableStateLog());
    }

    private static java.net.http.HttpResponse<String> lookUpThrough(java.net.InetSocketAddress proxy, Path program, String job)
            throws Exception {
        try (io.entityflow.inspector.Inspector inspector = io.entityflow.inspector.Inspector.start(
                new io.entityflow.inspector.InspectedJob(org.apache.flink.api.common.JobID.fromHexString(job), cluster.restUrl(),
                        CompiledProgram.compile(program), program, proxy, null, null),
                io.entityflow.inspector.InspectorOptions.loopback(0))) {
            // a cold proxy's first lookups (connections, the job's state locations) may outlast the inspector's 5 s
            // on a busy machine: it answers 504 query_timeout, and a user asks again
            java.net.http.HttpResponse<String> apple;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            do {
                apple = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(inspector.url()).resolve("/api/entities/Item/apple")).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } while (apple.statusCode() == 504 && System.nanoTime() < deadline);
            return apple;
        }
    }

    /** What the cluster's processes logged about queryable state (for a failure's message). */
    private static String queryableStateLog() throws java.io.IOException {
        StringBuilder found = new StringBuilder();
        try (java.util.stream.Stream<Path> logs = java.nio.file.Files.walk(dir.resolve("flink"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                for (String line : java.nio.file.Files.readAllLines(log)) {
                    if (line.contains("Queryable") || line.contains("KvState")) {
                        found.append(log.getFileName()).append(": ").append(line).append('\n');
                    }
                }
            }
        }
        return found.length() > 20_000 ? found.substring(found.length() - 20_000) : found.toString();
    }

    private static String jobIdIn(CliRun deploy) {
        Matcher deployed = Pattern.compile("as job ([0-9a-f]{32})").matcher(deploy.out());
        assertThat(deployed.find()).as(deploy.out()).isTrue();
        return deployed.group(1);
    }

    private static Path copyOfShop(String version) throws java.io.IOException {
        Path target = java.nio.file.Files.createDirectories(dir.resolve(version));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("..", "samples", "shop"))) {
            for (Path file : files.toList()) {
                java.nio.file.Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    /** The cluster's logs outlive the test's directory (target/cluster-logs), for a failure seen only in CI. */
    private static void keepLogs(Path logs) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(logs)) {
            return;
        }
        Path kept = Path.of("target", "cluster-logs", ClusterDeploymentIT.class.getSimpleName());
        java.nio.file.Files.createDirectories(kept);
        try (var files = java.nio.file.Files.list(logs)) {
            for (Path log : files.toList()) {
                java.nio.file.Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void replace(Path file, String from, String to) throws java.io.IOException {
        String text = java.nio.file.Files.readString(file);
        assertThat(text).as(file + " holds what the test changes").contains(from);
        java.nio.file.Files.writeString(file, text.replace(from, to));
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
