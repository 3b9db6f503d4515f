package io.entityflow.cli;

import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.ir.codegen.CompiledProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * {@code entityflow gateway --kafka HOST:PORT --program DIR}: the HTTP gateway of {@code entityflow run}
 * — the same API and the program's own routes — in front of the program's job on a cluster, through
 * Kafka. Several may run at once; each reads only the answers to its own requests.
 */
@Command(name = "gateway", description = "Serve the HTTP API of a program deployed to a cluster, through Kafka.")
final class GatewayCommand implements Callable<Integer> {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    @Option(names = "--program", required = true, paramLabel = "DIR", description = "folder of the deployed program's sources")
    Path folder;

    @Mixin
    ClusterProgram cluster;

    @Option(names = "--port", defaultValue = "8080", description = "gateway port (default 8080; 0 = any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "gateway address (default 127.0.0.1; others need --token)")
    String host;

    @Option(names = "--token", defaultValue = "${env:ENTITYFLOW_TOKEN}",
            description = "bearer token clients must send (default: $ENTITYFLOW_TOKEN)")
    String token;

    @Option(names = "--gateway-id", description = "names this gateway's response topic; a retry through the gateway with the"
            + " same id meets its recorded result (default: host name and port)")
    String gatewayId;

    @Option(names = "--partitions", defaultValue = "4", description = "partitions of the requests topic if it does not exist yet (default 4)")
    int partitions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgramFolder.Compiled compiled = ProgramFolder.compile(folder, err, "gateway not started");
        if (compiled.program() == null) {
            return compiled.exitCode();
        }
        CompiledProgram program = compiled.program();
        String name = cluster.nameFor(folder);
        String id = gatewayId != null ? gatewayId : defaultId();
        if (UNSAFE.matcher(id).find()) {
            err.println("entityflow: a gateway id is letters, digits, '.', '_' or '-' (it names a Kafka topic); got " + id);
            return EntityflowCommand.USAGE_OR_IO;
        }
        ClusterGateway running = ClusterGateway.start(program, cluster.kafka, name, id, partitions,
                GatewayOptions.defaults().withHost(host).withPort(port).withToken(token));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "entityflow-gateway-stop"));
        out.println("entityflow: gateway " + id + " for " + name + " at " + running.gateway().url());
        out.println("  requests:  Kafka " + cluster.kafka + ", topic " + running.topics().requests());
        out.println("  responses: topic " + running.topics().responsesOf(id) + " (read_committed: an answer follows its checkpoint)");
        out.flush();
        stopped.await();
        return 0;
    }

    private String defaultId() {
        String hostName;
        try {
            hostName = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            hostName = "gateway";
        }
        String suffix = port != 0 ? String.valueOf(port) : String.valueOf(ProcessHandle.current().pid());
        return UNSAFE.matcher(hostName).replaceAll("_") + "-" + suffix;
    }
}
