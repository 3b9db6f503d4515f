package io.entityflow.cli.bench;

import io.entityflow.ir.codegen.CompiledProgram;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured run against one system: start it, create the entities the workload runs on, drive the workload through warm-up
 * and measurement, wait for every answer, read the final state back and check it, stop the system.
 */
final class BenchRun {
    private final CompiledProgram program;
    private final BenchSettings settings;
    private final PrintWriter progress;

    BenchRun(CompiledProgram program, BenchSettings settings, PrintWriter progress) {
        this.program = program;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * @param baseline run the hand-written Flink job instead of the program's entity job
     * @param stateDir the state directory, or null for a temporary one
     */
    Measurement run(boolean baseline, Path stateDir) throws Exception {
        return run(baseline, stateDir, false);
    }

    /**
     * @param inspect with the web inspector open and watched (see {@link BenchTarget#start})
     */
    Measurement run(boolean baseline, Path stateDir, boolean inspect) throws Exception {
        String system = baseline ? "baseline (hand-written Flink job)" : "entityflow";
        if (settings.gateway() != null) {
            say("%s: loading the program behind the gateway at %s", system, settings.gateway());
        } else {
            say("%s: starting the engine (parallelism %d, checkpoints every %d ms, %s responses%s)", system,
                    settings.parallelism(), settings.checkpointMillis(), settings.immediate() ? "immediate" : "committed",
                    settings.http() ? ", HTTP gateway" : "");
        }
        try (BenchTarget target = BenchTarget.start(program, baseline, settings, stateDir, inspect)) {
            if (settings.gateway() == null) {
                say("%s: Flink web UI at %s", system, target.webUi());
            }
            KeyChooser keys = KeyChooser.of(settings.distribution(), settings.keySpace(), settings.seed());
            Workload workload = settings.workload().create(target, keys, settings);
            long loadStart = System.nanoTime();
            long failedCreates = workload.populate();
            say("%s: created %s in %.1f s (%,d failed)", system, workload.populationSummary(),
                    (System.nanoTime() - loadStart) / 1e9, failedCreates);
            target.inspector().ifPresent(inspector -> {
                inspector.measureListing(program.entityTypes().get(0), "key = \"no such key\"");
                inspector.resetFigures();
            });
            LoadDriver driver = new LoadDriver(workload, settings.outstanding(), settings.rate(), settings.seed());
            LoadDriver.Result result = driver.run(Duration.ofSeconds(settings.warmupSeconds()),
                    Duration.ofSeconds(settings.durationSeconds()), progress);
            // the inspector's figures of the measured window, before the final read-back adds its own load
            java.util.Optional<Map<String, Object>> inspected = target.inspector().map(InspectorLoad::figures);
            if (result.firstError() != null) {
                say("%s: first failed operation: %s", system, result.firstError().getMessage());
            }
            // requests still running would change the state while it is read back: a check then proves nothing either way
            boolean checkable = result.unanswered() == 0;
            Workload.Verdict verdict = checkable ? workload.verify() : new Workload.Verdict(false, String.format(
                    "%,d requests were still unanswered %d s after the measurement ended (still queued or running in the "
                            + "engine), so the final state was not checked: it would be read while they change it",
                    result.unanswered(), LoadDriver.DRAIN_SECONDS));
            if (failedCreates > 0) {
                verdict = new Workload.Verdict(false, failedCreates + " creates failed; " + verdict.detail());
            }
            say("%s: %s — %s", system, verdict.consistent() ? "consistent" : checkable ? "NOT CONSISTENT" : "NOT CHECKED",
                    verdict.detail());
            Window measured = result.measured();
            Histogram latencies = measured.latencies();
            long completed = measured.completed();
            double cpuPerOperation = measured.cpuSeconds() < 0 || completed == 0 ? -1 : measured.cpuSeconds() * 1e6 / completed;
            return new Measurement(completed / measured.seconds(),
                    latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
                    latencies.getTotalCount(), failedCreates + result.errors(), cpuPerOperation, verdict,
                    figures(workload, measured, inspected, target.admissionFigures()));
        }
    }

    /**
     * The measured seconds (shorter than --duration when the workload ran out), the workload's own figures, and how
     * admission control went.
     */
    private static Map<String, Object> figures(Workload workload, Window measured, java.util.Optional<Map<String, Object>> inspector,
                                               Map<String, Object> admission) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("measured_s", Math.round(measured.seconds() * 10) / 10.0);
        figures.putAll(workload.figures());
        figures.putAll(admission);
        inspector.ifPresent(figures::putAll);
        return figures;
    }

    private void say(String format, Object... args) {
        progress.println(String.format(format, args));
        progress.flush();
    }
}
