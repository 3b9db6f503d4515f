package io.entityflow.cli;

import io.entityflow.flink.deploy.LocalFlinkCluster;
import io.entityflow.kafka.LocalKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code entityflow cluster start|stop}: a standalone Flink cluster on this machine for a user who has none,
 * a JobManager and task managers as separate JVMs started from this command's jar (no Flink download) and a Kafka
 * broker for the jobs' requests and responses, which
 * keep running after the command returns; {@code stop} ends them by the process ids it recorded.
 */
@Command(name = "cluster", description = "Start or stop a standalone Flink cluster and a Kafka broker on 127.0.0.1.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class})
final class ClusterCommand implements Runnable {
    static final String PIDS = "cluster.pids";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say start or stop");
    }

    @Command(name = "start", description = "Start a JobManager, task managers and a Kafka broker; print their addresses.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--task-managers", defaultValue = "2", description = "task managers (default 2)")
        int taskManagers;

        @Option(names = "--slots", defaultValue = "2", description = "slots per task manager (default 2)")
        int slots;

        @Option(names = "--rest-port", defaultValue = "8081", description = "Flink's REST port (default 8081; 0 = any free port)")
        int restPort;

        @Option(names = "--dir", defaultValue = ".entityflow/cluster", description = "configuration, logs, checkpoints (default .entityflow/cluster)")
        Path dir;

        @Option(names = "--kafka-port", defaultValue = "9092",
                description = "port of the Kafka broker started beside it (default 9092; 0 = any free port; -1 = no broker)")
        int kafkaPort;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (running(dir).isPresent()) {
                err.println("entityflow: a cluster started from " + dir + " is still running (entityflow cluster stop --dir " + dir + ")");
                return EntityflowCommand.USAGE_OR_IO;
            }
            LocalKafka kafka = kafkaPort < 0 ? null : LocalKafka.startDetached(dir.resolve("kafka"), kafkaPort);
            LocalFlinkCluster cluster;
            try {
                cluster = LocalFlinkCluster.start(new LocalFlinkCluster.Options(dir, taskManagers, slots, restPort,
                        LocalFlinkCluster.Options.ownClasspath(), false));
            } catch (Exception e) {
                if (kafka != null) {
                    kafka.close();
                }
                throw e;
            }
            List<String> pids = new ArrayList<>();
            pids.add(identity(cluster.jobManager().toHandle()));
            cluster.taskManagers().forEach(p -> pids.add(identity(p.toHandle())));
            if (kafka != null) {
                pids.add(identity(kafka.process().toHandle()));
            }
            Files.writeString(dir.resolve(PIDS), String.join("\n", pids) + "\n", StandardCharsets.UTF_8);
            out.println("entityflow: Flink cluster running: JobManager and " + taskManagers + " task managers ("
                    + taskManagers * slots + " slots)");
            out.println("  Flink REST and web UI: " + cluster.restUrl());
            if (kafka != null) {
                out.println("  Kafka broker: " + kafka.bootstrapServers());
            }
            out.println("  queryable state (entityflow inspect --queryable): " + cluster.queryableStateProxies().stream()
                    .map(a -> a.getHostString() + ":" + a.getPort()).collect(java.util.stream.Collectors.joining(", ")));
            out.println("  logs: " + dir.toAbsolutePath().resolve("log"));
            out.println("  deploy: entityflow deploy DIR --flink " + cluster.restUrl()
                    + (kafka == null ? " --kafka HOST:PORT" : " --kafka " + kafka.bootstrapServers()));
            out.println("  stop: entityflow cluster stop --dir " + dir);
            out.flush();
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop the cluster started from --dir, by its process ids.")
    static final class Stop implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = ".entityflow/cluster", description = "the cluster's directory (default .entityflow/cluster)")
        Path dir;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Optional<List<ProcessHandle>> processes = running(dir);
            if (processes.isEmpty()) {
                spec.commandLine().getErr().println("entityflow: no cluster of " + dir + " is running");
                return 1;
            }
            for (ProcessHandle process : processes.get()) {
                process.destroy();
            }
            for (ProcessHandle process : processes.get()) {
                try {
                    process.onExit().get(15, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    process.destroyForcibly();
                }
            }
            Files.deleteIfExists(dir.resolve(PIDS));
            spec.commandLine().getOut().println("entityflow: stopped " + processes.get().size() + " processes of " + dir);
            return 0;
        }
    }

    /** "pid start-time": a process id may be reused, its start time with it is not. */
    static String identity(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** The live processes recorded for the cluster of {@code dir} (the same processes: pid and start time). */
    static Optional<List<ProcessHandle>> running(Path dir) throws java.io.IOException {
        Path pids = dir.resolve(PIDS);
        if (!Files.exists(pids)) {
            return Optional.empty();
        }
        List<ProcessHandle> alive = new ArrayList<>();
        for (String line : Files.readAllLines(pids)) {
            if (!line.isBlank()) {
                long pid = Long.parseLong(line.trim().split(" ")[0]);
                ProcessHandle.of(pid).filter(p -> p.isAlive() && identity(p).equals(line.trim())).ifPresent(alive::add);
            }
        }
        return alive.isEmpty() ? Optional.empty() : Optional.of(alive);
    }
}
