package io.entityflow.flink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.flink.embedded.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster on 127.0.0.1 without Flink's binary distribution: a JobManager and
 * task managers as separate JVMs started from a classpath holding Flink's runtime (the entityflow command's
 * jar, or a test's classpath), each told its memory by Flink's own {@code BashJavaUtils} as {@code bin/*.sh}
 * would, configured by a {@code config.yaml} written into {@code dir/conf}, logging into {@code dir/log}.
 * Processes are stopped by their process id; a task manager can be killed (as {@code kill -9}) and
 * another started, for recovery tests.
 */
public final class LocalFlinkCluster implements AutoCloseable {
    /** What Flink's distribution passes every JVM on Java 17 (its default {@code env.java.opts.all}). */
    static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String RESOURCE_TOOL = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private final Options options;
    private final Path conf;
    private final URI rest;
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private final FlinkRestClient restClient;
    private final java.util.Map<Process, java.net.InetSocketAddress> queryableStateProxies = new java.util.HashMap<>();
    private int started;

    /**
     * @param dir          configuration, logs, checkpoints and uploads go here
     * @param restPort     the REST API's port (0: a free one)
     * @param classpath    a classpath with Flink's runtime, web submission handlers and a Log4j 2 binding
     * @param stopWithThisJvm stop the cluster when this JVM exits, even if it never closes it (tests); false for
     *                     a cluster that outlives the command that started it
     */
    public record Options(Path dir, int taskManagers, int slotsPerTaskManager, int restPort, String classpath,
                          boolean stopWithThisJvm) {
        public Options {
            if (taskManagers < 1 || slotsPerTaskManager < 1) {
                throw new IllegalArgumentException("a cluster needs at least one task manager with one slot");
            }
        }

        /** Jars of what a job jar carries (entityflow, the Kafka connector and client) and of what only tools use. */
        private static final List<String> NOT_FLINK = List.of("entity-api", "ir-graph", "flink-backend", "inspector-web",
                "language-server", "local-kafka", "cli", "entityflow", "kafka", "flink-connector-kafka", "flink-connector-base",
                "javaparser", "jgrapht", "javalin", "jetty", "netty-", "selenium", "zstd-jni", "lz4-java");

        /**
         * The classpath of this JVM: the entityflow command's jar (one jar; its entityflow and Kafka classes are
         * shadowed by a job jar's, see the parent-first patterns in the config), or a test's classpath, without
         * entityflow's own classes and what a job jar brings: a cluster started by a test is as bare as a Flink
         * distribution, so a job jar missing a class fails the test instead of borrowing the class from it.
         */
        public static String ownClasspath() {
            String[] entries = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
            if (entries.length == 1) {
                return entries[0];
            }
            return java.util.Arrays.stream(entries).filter(Options::isFlinkRuntime)
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }

        private static boolean isFlinkRuntime(String entry) {
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            return name.endsWith(".jar") && NOT_FLINK.stream().noneMatch(name::startsWith);
        }
    }

    private LocalFlinkCluster(Options options, Path conf, URI rest, Process jobManager) {
        this.options = options;
        this.conf = conf;
        this.rest = rest;
        this.restClient = new FlinkRestClient(rest);
        this.jobManager = jobManager;
    }

    /** Starts the JobManager and the task managers and waits until every task manager has registered. */
    public static LocalFlinkCluster start(Options options) throws IOException, InterruptedException {
        Path dir = options.dir().toAbsolutePath();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("log"));
        int restPort = options.restPort() == 0 ? FreePorts.any() : options.restPort();
        Files.writeString(conf.resolve("config.yaml"), config(dir, options, restPort), StandardCharsets.UTF_8);
        URI rest = URI.create("http://127.0.0.1:" + restPort);
        Process jobManager = launch(options, conf, dir, "GET_JM_RESOURCE_PARAMS", JOB_MANAGER, "jobmanager");
        LocalFlinkCluster cluster = new LocalFlinkCluster(options, conf, rest, jobManager);
        if (options.stopWithThisJvm()) {
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "entityflow-local-cluster-stop"));
        }
        try {
            for (int i = 0; i < options.taskManagers(); i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(options.taskManagers(), START_TIMEOUT);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static String config(Path dir, Options options, int restPort) throws IOException {
        return String.join("\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + FreePorts.any(),
                "jobmanager.bind-host: 127.0.0.1",
                "taskmanager.host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "blob.server.port: " + FreePorts.any(),
                "taskmanager.numberOfTaskSlots: " + options.slotsPerTaskManager(),
                "jobmanager.memory.process.size: 1024m",
                "taskmanager.memory.process.size: 1536m",
                // the inspector reads entities through queryable state; each task manager gets its own ports
                "queryable-state.enable: true",
                // each of its Netty pools (proxy, proxy's client, server) takes direct memory in 16 MB chunks per
                // thread, one thread per slot by default: beside the network buffers that exhausted a 1536m task
                // manager's direct memory (a red CI run: every query failed with OutOfMemoryError). The inspector's
                // reads are few; one network thread and two query threads per pool serve them
                "queryable-state.proxy.network-threads: 1",
                "queryable-state.proxy.query-threads: 2",
                "queryable-state.server.network-threads: 1",
                "queryable-state.server.query-threads: 2",
                "web.upload.dir: " + dir.resolve("uploads"),
                "io.tmp.dirs: " + dir.resolve("tmp"),
                "execution.checkpointing.dir: " + dir.resolve("checkpoints").toUri(),
                "execution.checkpointing.savepoint-dir: " + dir.resolve("savepoints").toUri(),
                // Kafka's classes come from the cluster when it has them (the entityflow command's one jar) and
                // from the job jar otherwise: the connector (org.apache.flink, always parent-first) must see the same ones
                "classloader.parent-first-patterns.additional: org.apache.kafka.",
                // a job's subtasks spread over the task managers: a lost one leaves the others' free slots to restart in
                "cluster.evenly-spread-out-slots: true",
                // a killed task manager's heartbeats fail at once; two failures (2 s) and it is gone, not 50 s later
                "heartbeat.timeout: 10000",
                "heartbeat.interval: 1000",
                "heartbeat.rpc-failure-threshold: 2",
                "");
    }

    /** Starts one more task manager (e.g. to replace one that was killed). */
    public synchronized Process startTaskManager() throws IOException, InterruptedException {
        // ports of its own, so the inspector can be told where to read entities (entityflow inspect --queryable)
        int proxy = FreePorts.any();
        Process process = launch(options, conf, options.dir().toAbsolutePath(), "GET_TM_RESOURCE_PARAMS", TASK_MANAGER,
                "taskmanager-" + (++started), List.of("-Dqueryable-state.proxy.ports=" + proxy,
                        "-Dqueryable-state.server.ports=" + FreePorts.any()));
        taskManagers.add(process);
        queryableStateProxies.put(process, new java.net.InetSocketAddress("127.0.0.1", proxy));
        return process;
    }

    /** The queryable-state proxy of each live task manager (any of them answers for every key). */
    public synchronized List<java.net.InetSocketAddress> queryableStateProxies() {
        return taskManagers.stream().filter(Process::isAlive).map(queryableStateProxies::get).toList();
    }

    private static Process launch(Options options, Path conf, Path dir, String resources, String mainClass, String name)
            throws IOException, InterruptedException {
        return launch(options, conf, dir, resources, mainClass, name, List.of());
    }

    private static Process launch(Options options, Path conf, Path dir, String resources, String mainClass, String name,
                                  List<String> dynamicOptions) throws IOException, InterruptedException {
        List<String> memory = resourceParams(options.classpath(), conf, resources);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(List.of(memory.get(0).trim().split("\\s+")));
        command.addAll(JAVA_17_OPENS);
        command.add("-cp");
        command.add(options.classpath());
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        for (String arg : memory.get(1).trim().split("\\s+")) {
            if (!arg.isBlank()) {
                command.add(arg);
            }
        }
        command.addAll(dynamicOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").resolve(name + ".out").toFile());
        builder.environment().put("ENTITYFLOW_LOG", dir.resolve("log").resolve(name + ".log").toString());
        return builder.start();
    }

    /** Flink's memory settings for a process, as {@code bin/*.sh} computes them: JVM flags, then dynamic options. */
    private static List<String> resourceParams(String classpath, Path conf, String which) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(javaExecutable(), "-cp", classpath, RESOURCE_TOOL, which, "--configDir", conf.toString())
                .redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            throw new IllegalStateException("Flink's BashJavaUtils " + which + " failed: " + output);
        }
        List<String> results = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                results.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()));
            }
        }
        if (results.size() < 2) {
            throw new IllegalStateException("Flink's BashJavaUtils " + which + " gave no resource settings: " + output);
        }
        return results;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Flink's REST API (and web UI). */
    public URI restUrl() {
        return rest;
    }

    /** Task managers started and not killed, oldest first. */
    public synchronized List<Process> taskManagers() {
        return taskManagers.stream().filter(Process::isAlive).toList();
    }

    public Process jobManager() {
        return jobManager;
    }

    /** Kills a task manager as {@code kill -9} would. */
    public void kill(Process taskManager) throws InterruptedException {
        taskManager.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Task managers the JobManager knows, and its free/total slots. */
    public JsonNode overview() {
        return restClient.get("overview");
    }

    /** The ids of the task managers the JobManager has registered. */
    public java.util.Set<String> taskManagerIds() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        restClient.get("taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /**
     * Waits until {@code count} task managers are registered and their slots reported (a task manager's slots
     * reach the overview a moment after it registers: a job deployed in between would find too few).
     */
    public void awaitTaskManagers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("the JobManager exited (" + jobManager.exitValue() + "); see "
                        + options.dir().resolve("log"));
            }
            try {
                JsonNode overview = overview();
                last = overview.toString();
                if (overview.path("taskmanagers").asInt() >= count
                        && overview.path("slots-total").asInt() >= count * options.slotsPerTaskManager()) {
                    return;
                }
            } catch (DeployException notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the cluster did not get " + count + " task managers with their slots within " + timeout
                + " (last answer: " + last + "); logs in " + options.dir().resolve("log"));
    }

    /** Stops every process of the cluster by its process id: SIGTERM, then kill after 10 s. */
    @Override
    public synchronized void close() {
        List<Process> all = new ArrayList<>(taskManagers);
        all.add(jobManager);
        for (Process process : all) {
            process.destroy();
        }
        for (Process process : all) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

}
