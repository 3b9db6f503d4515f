package io.entityflow.cli.bench;

import io.entityflow.flink.bench.BaselineJob;
import io.entityflow.cli.EmbeddedRun;
import io.entityflow.flink.embedded.EmbeddedEngine;
import io.entityflow.flink.gateway.RequestSubmitter;
import io.entityflow.flink.inspect.RequestTraces;
import io.entityflow.flink.inspect.TracedSubmissions;
import io.entityflow.inspector.InspectedJob;
import io.entityflow.inspector.Inspector;
import io.entityflow.inspector.InspectorOptions;
import io.entityflow.flink.embedded.EngineOptions;
import io.entityflow.flink.gateway.Gateway;
import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.flink.gateway.client.EntityClient;
import io.entityflow.flink.runtime.TransactionAdmission;
import io.entityflow.ir.codegen.CompiledProgram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A system under load: the program's entity job or the hand-written baseline job on an embedded engine,
 * reached in-process or through the HTTP gateway. Final state is always read in-process, so the check
 * does not depend on the path being measured.
 */
final class BenchTarget implements AutoCloseable {
    private final EmbeddedEngine engine;
    private final InspectorLoad inspector;
    private final Gateway gateway;
    private final Path temporaryState;
    private final Caller load;
    private final Caller state;
    private final java.net.URI gatewayUrl;

    private BenchTarget(EmbeddedEngine engine, Gateway gateway, Path temporaryState, Caller load, Caller state,
                        InspectorLoad inspector) {
        this(engine, gateway, temporaryState, load, state, inspector, gateway == null ? null : gateway.url());
    }

    private BenchTarget(EmbeddedEngine engine, Gateway gateway, Path temporaryState, Caller load, Caller state,
                        InspectorLoad inspector, java.net.URI gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
        this.inspector = inspector;
        this.engine = engine;
        this.gateway = gateway;
        this.temporaryState = temporaryState;
        this.load = load;
        this.state = state;
    }

    /**
     * How admission control went since the engine started (docs/transactions.md, "Admission"): the most transactions
     * one loop subtask ran at once, and the requests let in over its cap because none ended for a whole pause; none
     * for a program behind another gateway, or one that began no transaction.
     */
    Map<String, Object> admissionFigures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (engine != null) {
            List<TransactionAdmission> admissions = engine.transactionAdmissions();
            int mostActive = admissions.stream().mapToInt(TransactionAdmission::mostActive).max().orElse(0);
            if (mostActive > 0) {
                figures.put("most_active_transactions", mostActive);
                figures.put("overdue_admissions", admissions.stream().mapToLong(TransactionAdmission::overdueAdmissions).sum());
            }
        }
        return figures;
    }

    /**
     * @param stateDir the state directory, or null for a fresh temporary one (deleted on close)
     */
    static BenchTarget start(CompiledProgram program, boolean baseline, BenchSettings settings, Path stateDir) throws Exception {
        return start(program, baseline, settings, stateDir, false);
    }

    /**
     * @param inspect also run the web inspector as a user watching it would: tracing at its default rate, the
     *                live dataflow and a watched entity streamed, entities looked up through queryable state
     */
    static BenchTarget start(CompiledProgram program, boolean baseline, BenchSettings settings, Path stateDir,
                             boolean inspect) throws Exception {
        if (settings.gateway() != null) {
            return remote(settings.gateway());
        }
        Path temporary = stateDir == null ? Files.createTempDirectory("entityflow-bench-") : null;
        EngineOptions options = EngineOptions.defaults(stateDir == null ? temporary : stateDir)
                .withParallelism(settings.parallelism())
                .withCheckpointInterval(Duration.ofMillis(settings.checkpointMillis()))
                .withCommittedResponses(!settings.immediate())
                .withChangelog(settings.changelog())
                .withBufferTimeout(Duration.ofMillis(settings.bufferTimeoutMillis()))
                .withCheckpointOnDemand(settings.checkpointOnDemand())
                .withMaxActiveTransactions(settings.maxActiveTransactions());
        EmbeddedEngine engine = null;
        Gateway gateway = null;
        InspectorLoad inspector = null;
        try {
            engine = baseline ? EmbeddedEngine.start(new BaselineJob(), options) : EmbeddedEngine.start(program, options);
            RequestSubmitter submit = engine::submit;
            if (inspect) {
                RequestTraces traces = RequestTraces.of(engine.jobId().toHexString());
                traces.setRate(EmbeddedRun.DEFAULT_TRACE_RATE);
                TracedSubmissions traced = new TracedSubmissions(engine::submit, traces);
                submit = traced::apply;
                inspector = new InspectorLoad(Inspector.start(new InspectedJob(engine.jobId(), engine.webUiUrl(), program,
                        Path.of("."), engine.queryableStateProxy(), null, traced), InspectorOptions.loopback(0)));
                inspector.start(program.entityTypes().get(0));
            }
            Caller inProcess = new EngineCaller(submit, program.classes());
            Caller load = inProcess;
            if (settings.http()) {
                gateway = new Gateway(program, submit, GatewayOptions.defaults().withPort(0)).start();
                gateway.markReady();
                load = new HttpCaller(EntityClient.connect(gateway.url()));
            }
            return new BenchTarget(engine, gateway, temporary, load, inProcess, inspector);
        } catch (Exception | Error e) {
            if (inspector != null) {
                inspector.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (engine != null) {
                engine.close();
            }
            delete(temporary);
            throw e;
        }
    }

    /**
     * A program running elsewhere behind its gateway (on a cluster): loaded, measured and read back through
     * HTTP, so the check sees what any client sees.
     */
    private static BenchTarget remote(java.net.URI gateway) {
        Caller http = new HttpCaller(EntityClient.connect(gateway));
        return new BenchTarget(null, null, null, http, http, null, gateway);
    }

    /** The inspector load of this run, if it has one. */
    java.util.Optional<InspectorLoad> inspector() {
        return java.util.Optional.ofNullable(inspector);
    }

    /** Flink's web UI of the engine (checkpoint durations, back pressure). */
    String webUi() {
        try {
            return engine.webUiUrl().toString();
        } catch (Exception e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    /** The program as the workload reaches it through entity calls (in-process or the gateway's entity API). */
    Caller load() {
        return load;
    }

    /** The program in-process, for loading what is not measured and reading the final state. */
    Caller state() {
        return state;
    }

    /** The gateway's base URL, for workloads that call routes of the program's own HTTP API. */
    java.net.URI gatewayUrl() {
        if (gatewayUrl == null) {
            throw new IllegalStateException("the bench runs in-process; the gateway is only started with --http");
        }
        return gatewayUrl;
    }

    @Override
    public void close() throws Exception {
        try {
            if (inspector != null) {
                inspector.close();
            }
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            try {
                if (engine != null) {
                    engine.close();
                }
            } finally {
                delete(temporaryState);
            }
        }
    }

    static void delete(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
