package io.entityflow.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (4.4, KRaft, broker and controller in one JVM) on 127.0.0.1, started as its own process
 * from the jars this module was built with, its log directory formatted on first start (a restart on the same
 * directory keeps topics, data and group offsets), stopped by its process id. Transactions are formatted
 * as version 1: Flink's Kafka sink reports recovery failures with the version 2 default (FLINK-40689).
 */
public final class LocalKafka implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private final Process broker;
    private final int port;

    private LocalKafka(Process broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    /**
     * Starts a broker with its data and log under {@code dir}, listening on {@code port} (0: a free one),
     * stopped when this JVM exits if nobody closed it before (a test's broker never outlives the test).
     */
    public static LocalKafka start(Path dir, int port) throws IOException, InterruptedException {
        return start(dir, port, true);
    }

    /** Starts a broker that keeps running after this JVM exits, until stopped by its process id. */
    public static LocalKafka startDetached(Path dir, int port) throws IOException, InterruptedException {
        return start(dir, port, false);
    }

    private static LocalKafka start(Path dir, int port, boolean stopWithThisJvm) throws IOException, InterruptedException {
        Path home = dir.toAbsolutePath();
        Files.createDirectories(home.resolve("log"));
        int listener = port == 0 ? freePort() : port;
        int controller = freePort();
        Path properties = home.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + listener + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + listener,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=4",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.dedupe.buffer.size=16777216",
                ""), StandardCharsets.UTF_8);
        String classpath = brokerClasspath();
        if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
            String clusterId = run(classpath, home, "kafka.tools.StorageTool", "random-uuid").strip();
            run(classpath, home, "kafka.tools.StorageTool", "format", "--config", properties.toString(), "--cluster-id",
                    clusterId, "--standalone", "--feature", "transaction.version=1");
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-cp", classpath,
                "-Dkafka.logs.dir=" + home.resolve("log"), "kafka.Kafka", properties.toString()));
        Process broker = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("log").resolve("broker.out").toFile()).start();
        LocalKafka kafka = new LocalKafka(broker, listener);
        if (stopWithThisJvm) {
            // a test JVM that dies without closing it must not leave the broker behind
            Runtime.getRuntime().addShutdownHook(new Thread(() -> broker.destroyForcibly(), "entityflow-local-kafka-stop"));
        }
        try {
            kafka.awaitListening(START_TIMEOUT);
            return kafka;
        } catch (IOException | InterruptedException | RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** The classpath of the broker's jars, written into this module at build time. */
    static String brokerClasspath() throws IOException {
        try (InputStream in = LocalKafka.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("broker.classpath is missing from local-kafka's jar (built by Maven)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static String run(String classpath, Path home, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " " + String.join(" ", args) + " failed: " + output);
        }
        // the tools print log lines too; the last line is the answer
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited (" + broker.exitValue() + ")");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the Kafka broker does not listen on 127.0.0.1:" + port + " after " + timeout);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** For Kafka clients: {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Process process() {
        return broker;
    }

    /** Stops the broker by its process id: SIGTERM (it shuts down cleanly in ~2 s), then kill after 20 s. */
    @Override
    public void close() throws InterruptedException {
        broker.destroy();
        if (!broker.waitFor(20, TimeUnit.SECONDS)) {
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
