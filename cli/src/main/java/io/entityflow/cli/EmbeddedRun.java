package io.entityflow.cli;

import io.entityflow.flink.embedded.EmbeddedEngine;
import io.entityflow.flink.embedded.EngineOptions;
import io.entityflow.flink.gateway.Gateway;
import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.flink.inspect.RequestTraces;
import io.entityflow.flink.inspect.TracedSubmissions;
import io.entityflow.inspector.InspectedJob;
import io.entityflow.inspector.Inspector;
import io.entityflow.inspector.InspectorOptions;
import io.entityflow.ir.codegen.CompiledProgram;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code entityflow run} starts: the program's job on an embedded MiniCluster, the HTTP gateway in
 * front of it (its requests passing the tracer), and the web inspector beside it. Tests start the same.
 */
public final class EmbeddedRun implements AutoCloseable {
    /** The share of requests traced unless the inspector says otherwise: a few per second under load. */
    public static final double DEFAULT_TRACE_RATE = 0.001;
    private final EmbeddedEngine engine;
    private final Gateway gateway;
    private final Inspector inspector;

    private EmbeddedRun(EmbeddedEngine engine, Gateway gateway, Inspector inspector) {
        this.engine = engine;
        this.gateway = gateway;
        this.inspector = inspector;
    }

    /**
     * @param folder           the program's sources (the inspector shows them)
     * @param inspectorOptions null for no inspector
     */
    public static EmbeddedRun start(Path folder, CompiledProgram program, EngineOptions engineOptions,
                                    GatewayOptions gatewayOptions, InspectorOptions inspectorOptions) throws Exception {
        EmbeddedEngine engine = EmbeddedEngine.start(program, engineOptions);
        // requests pass the tracer on their way in: it samples them for the inspector (one volatile read when off)
        RequestTraces traces = RequestTraces.of(engine.jobId().toHexString());
        traces.setRate(DEFAULT_TRACE_RATE);
        TracedSubmissions traced = new TracedSubmissions(engine::submit, traces);
        Gateway gateway = null;
        try {
            gateway = new Gateway(program, traced::apply, gatewayOptions).start();
            Inspector inspector = inspectorOptions == null ? null : Inspector.start(new InspectedJob(engine.jobId(),
                    engine.webUiUrl(), program, folder, engine.queryableStateProxy(), inspectorSavepoints(engineOptions), traced),
                    inspectorOptions);
            return new EmbeddedRun(engine, gateway, inspector);
        } catch (Exception | Error e) {
            if (gateway != null) {
                gateway.close();
            }
            engine.close();
            throw e;
        }
    }

    /** Savepoints taken from the inspector: beside the run's own, which a restart prunes, so never pruned. */
    public static Path inspectorSavepoints(EngineOptions options) {
        return options.stateDir().resolve("inspector-savepoints");
    }

    public EmbeddedEngine engine() {
        return engine;
    }

    public Gateway gateway() {
        return gateway;
    }

    public Optional<Inspector> inspector() {
        return Optional.ofNullable(inspector);
    }

    /** Stops taking requests, then stops the job with a savepoint (what the next run resumes from). */
    public Path stopWithSavepoint() throws Exception {
        if (inspector != null) {
            inspector.close();
        }
        gateway.close();
        return engine.stopWithSavepoint();
    }

    @Override
    public void close() throws Exception {
        if (inspector != null) {
            inspector.close();
        }
        try {
            gateway.close();
        } finally {
            engine.close();
        }
    }
}
