package io.entityflow.cli;

import io.entityflow.flink.embedded.EmbeddedEngine;
import io.entityflow.inspector.Inspector;
import io.entityflow.inspector.InspectorOptions;
import io.entityflow.flink.embedded.EngineOptions;
import io.entityflow.flink.gateway.Gateway;
import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.ir.codegen.CompiledProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code entityflow run DIR}: compiles the program, runs it on an embedded Flink MiniCluster with the HTTP
 * gateway in front, and keeps running until Ctrl+C / SIGTERM, which stops the job with a savepoint in the
 * state directory. A later run on the same state directory resumes from the newest savepoint or
 * completed checkpoint, so a {@code kill -9} loses no acknowledged request.
 */
@Command(name = "run", description = "Run an entity program on an embedded Flink cluster behind the HTTP gateway.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder of entity sources")
    Path folder;

    @Option(names = "--port", defaultValue = "8080", description = "gateway port (default 8080; 0 = any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "gateway address (default 127.0.0.1; others need --token)")
    String host;

    @Option(names = "--token", defaultValue = "${env:ENTITYFLOW_TOKEN}",
            description = "bearer token clients must send (default: $ENTITYFLOW_TOKEN)")
    String token;

    @Option(names = "--state-dir", description = "checkpoints and savepoints (default .entityflow/<DIR name>)")
    Path stateDir;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default 2)")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "100", paramLabel = "MS",
            description = "checkpoint interval in ms (default 100); committed responses wait for a checkpoint")
    long checkpointMillis;

    @Option(names = "--immediate-responses",
            description = "answer before the checkpoint holding the effects completes (lower latency; a failure may undo an answered call)")
    boolean immediate;

    @picocli.CommandLine.Mixin
    EngineTuning tuning;

    @Option(names = "--flink-ui-port", defaultValue = "0", description = "port of Flink's web UI (default: any free port)")
    int flinkUiPort;

    @Option(names = "--inspector-port", defaultValue = "8081",
            description = "port of the web inspector (default 8081; 0 = any free port; -1 = no inspector)")
    int inspectorPort;

    @Option(names = "--inspector-host", defaultValue = "127.0.0.1",
            description = "inspector address (default 127.0.0.1; elsewhere it needs --inspector-token, or prints a generated one)")
    String inspectorHost;

    @Option(names = "--inspector-token", defaultValue = "${env:ENTITYFLOW_INSPECTOR_TOKEN}",
            description = "token the inspector requires (default: $ENTITYFLOW_INSPECTOR_TOKEN)")
    String inspectorToken;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgramFolder.Compiled compiled = ProgramFolder.compile(folder, err, "not started");
        if (compiled.program() == null) {
            return compiled.exitCode();
        }
        CompiledProgram program = compiled.program();
        GatewayOptions gatewayOptions = GatewayOptions.defaults().withHost(host).withPort(port).withToken(token);
        Path state = stateDir != null ? stateDir : Path.of(".entityflow", folder.toAbsolutePath().normalize().getFileName().toString());
        EngineOptions options = EngineOptions.defaults(state).withParallelism(parallelism)
                .withCheckpointInterval(Duration.ofMillis(checkpointMillis)).withCommittedResponses(!immediate)
                .withWebUiPort(flinkUiPort).withChangelog(tuning.changelog())
                .withBufferTimeout(Duration.ofMillis(tuning.bufferTimeoutMillis()))
                .withCheckpointOnDemand(tuning.checkpointOnDemand())
                .withMaxActiveTransactions(tuning.maxActiveTransactions());
        EmbeddedRun run = EmbeddedRun.start(folder, program, options, gatewayOptions,
                inspectorPort < 0 ? null : new InspectorOptions(inspectorHost, inspectorPort, inspectorToken));
        EmbeddedEngine engine = run.engine();
        Gateway gateway = run.gateway();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(run, err, stopped), "entityflow-stop"));
        out.println("entityflow: running " + String.join(", ", program.entityTypes()) + " with parallelism " + parallelism);
        out.println("  gateway:      " + gateway.url());
        out.println("  Flink web UI: " + engine.webUiUrl());
        if (run.inspector().isPresent()) {
            Inspector inspector = run.inspector().get();
            InspectorOptions shown = inspector.options();
            out.println("  inspector:    " + inspector.url() + (shown.requiresToken() ? "?token=" + shown.token() : ""));
            out.println("  queryable state proxy: " + engine.queryableStateProxy().getHostString() + ":"
                    + engine.queryableStateProxy().getPort());
        }
        out.println("  state:        " + state.toAbsolutePath().normalize()
                + engine.resumedFrom().map(p -> " (resumed from " + p.getFileName() + ")").orElse(" (fresh)"));
        out.println("  responses:    " + (immediate ? "immediate" : tuning.checkpointOnDemand()
                ? "after their checkpoint (taken as soon as one waits; at least every " + checkpointMillis + " ms)"
                : "after their checkpoint (every " + checkpointMillis + " ms)"));
        out.println("Ctrl+C stops with a savepoint; the next run on this state directory resumes from it.");
        out.flush();
        gateway.markReady();
        stopped.await();
        return 0;
    }

    /** The shutdown hook: no new requests, then a savepoint, then the cluster goes. */
    private static void stop(EmbeddedRun run, PrintWriter err, CountDownLatch stopped) {
        try {
            err.println("entityflow: stopping with a savepoint...");
            err.flush();
            Path savepoint = run.stopWithSavepoint();
            err.println("entityflow: stopped; savepoint " + savepoint);
        } catch (Exception e) {
            err.println("entityflow: could not take a savepoint (" + e.getMessage()
                    + "); the next run resumes from the latest completed checkpoint");
        } finally {
            try {
                run.close();
            } catch (Exception e) {
                err.println("entityflow: error while stopping the cluster: " + e.getMessage());
            }
            err.flush();
            stopped.countDown();
        }
    }
}
