package io.entityflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.inspector.InspectedJob;
import io.entityflow.inspector.Inspector;
import io.entityflow.inspector.InspectorOptions;
import io.entityflow.inspector.api.InspectorError;
import io.entityflow.inspector.flink.FlinkRest;
import io.entityflow.ir.codegen.CompiledProgram;
import org.apache.flink.api.common.JobID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code entityflow inspect --flink URL --program DIR}: the web inspector for an entity job this process did
 * not start (a MiniCluster of another {@code entityflow run}, or a cluster). Entity lookups need the job's
 * queryable-state proxy ({@code --queryable}); listing the live job and tracing need the job in this process,
 * so here entities are listed from savepoints.
 */
@Command(name = "inspect", description = "Open the web inspector for a running entity job.")
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--flink", required = true, paramLabel = "URL", description = "Flink's REST URL, e.g. http://127.0.0.1:8081")
    URI flink;

    @Option(names = "--program", required = true, paramLabel = "DIR", description = "folder of the job's entity sources")
    Path program;

    @Option(names = "--job", paramLabel = "ID", description = "the job (default: the only running job)")
    String job;

    @Option(names = "--queryable", paramLabel = "HOST:PORT", description = "the job's queryable-state proxy (entity lookups)")
    String queryable;

    @Option(names = "--state-dir", paramLabel = "D", description = "state directory: savepoints are taken into and listed from D/inspector-savepoints")
    Path stateDir;

    @Option(names = "--port", defaultValue = "0", description = "inspector port (default: any free port, printed; Flink itself often has 8081)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "inspector address (default 127.0.0.1; elsewhere it needs --token or prints a generated one)")
    String host;

    @Option(names = "--token", defaultValue = "${env:ENTITYFLOW_INSPECTOR_TOKEN}", description = "token the inspector requires")
    String token;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgramFolder.Compiled folder = ProgramFolder.compile(program, err, "no inspector started");
        if (folder.program() == null) {
            return folder.exitCode();
        }
        CompiledProgram compiled = folder.program();
        JobID jobId;
        InetSocketAddress proxy;
        try {
            jobId = job != null ? JobID.fromHexString(job) : onlyRunningJob(new FlinkRest(flink));
            proxy = queryable == null ? null : address(queryable);
        } catch (InspectorError | IllegalArgumentException e) {
            err.println("entityflow: " + e.getMessage());
            return EntityflowCommand.USAGE_OR_IO;
        }
        Path savepoints = stateDir == null ? null : stateDir.resolve("inspector-savepoints");
        Inspector inspector = Inspector.start(new InspectedJob(jobId, flink, compiled, program, proxy, savepoints, null),
                new InspectorOptions(host, port, token));
        out.println("entityflow: inspecting job " + jobId + " on " + flink);
        out.println("  inspector: " + inspector.url() + (inspector.options().requiresToken() ? "?token=" + inspector.options().token() : ""));
        if (proxy == null) {
            out.println("  (no --queryable: entities are browsed from savepoints only)");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            inspector.close();
            stopped.countDown();
        }, "entityflow-inspect-stop"));
        stopped.await();
        return 0;
    }

    private static JobID onlyRunningJob(FlinkRest rest) {
        List<String> running = new ArrayList<>();
        for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
            if (job.path("state").asText().equals("RUNNING")) {
                running.add(job.path("jid").asText());
            }
        }
        if (running.size() != 1) {
            throw new IllegalArgumentException(running.isEmpty() ? "no job is running on " + rest.base()
                    : "several jobs run on " + rest.base() + " (" + String.join(", ", running) + "): choose one with --job");
        }
        return JobID.fromHexString(running.get(0));
    }

    private static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--queryable must be HOST:PORT, not " + text);
        }
        return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}
