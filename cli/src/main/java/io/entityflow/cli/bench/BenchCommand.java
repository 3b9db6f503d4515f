package io.entityflow.cli.bench;

import io.entityflow.cli.EngineTuning;
import io.entityflow.ir.codegen.CompiledProgram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code entityflow bench DIR --workload NAME}: compiles the program, runs it on an embedded engine, loads
 * the accounts, drives the workload and prints one JSON line with the figures (progress on stderr).
 * With {@code --baseline} it then runs the hand-written Flink job with the same settings and adds the ratio (after
 * an unmeasured run of each job, so that neither measured run pays for compiling the Flink code both use, nor its own).
 */
@Command(name = "bench", description = "Load an entity program with a YCSB-style workload; end with one JSON line of figures.")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "the entity program: samples/ycsb (ycsb.Account) for the account "
            + "workloads, samples/checkout for checkout")
    Path dir;

    @Option(names = "--workload", required = true, paramLabel = "NAME",
            description = "ycsb-a (50%% read / 50%% update), ycsb-b (95/5), chain (two remote hops), hop-latency, "
                    + "ycsb-t (transactional transfers), checkout (the WDM course's stress test: transactional checkouts)")
    String workload;

    @Option(names = "--distribution", defaultValue = "uniform", description = "uniform (default) or zipfian (θ = 0.99) over the accounts, or the items of the orders for checkout")
    String distribution;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "S", description = "measured seconds (default 30)")
    int duration;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "S", description = "seconds of load before measuring (default 5)")
    int warmup;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "open loop at R requests/s; without it, a closed loop of --outstanding requests")
    double rate;

    @Option(names = "--outstanding", paramLabel = "N",
            description = "requests in flight (closed loop; the cap with --rate). Default in-process 20,000 (committed "
                    + "responses wait for a checkpoint, so throughput = in flight / checkpoint cycle) or 1,000 with "
                    + "--immediate; with --http 1,024 or 128; 1 for hop-latency")
    Integer outstanding;

    @Option(names = "--records", paramLabel = "N", description = "accounts (default 10,000), or orders for checkout "
            + "(default 200,000; items and users as many, up to 100,000; each order is checked out once)")
    Integer records;

    @Option(names = "--http", description = "through the HTTP gateway and the Java client instead of in-process")
    boolean http;

    @Option(names = "--immediate", description = "answer at once instead of after the checkpoint holding the effects")
    boolean immediate;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "P", description = "Flink parallelism (default 2)")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "100", paramLabel = "MS", description = "default 100 ms")
    int checkpointMillis;

    @picocli.CommandLine.Mixin
    EngineTuning tuning;

    @Option(names = "--state-dir", paramLabel = "D", description = "an empty state directory to use (default: a temporary one)")
    Path stateDir;

    @Option(names = "--baseline", description = "also run the hand-written Flink job (ycsb workloads) and report the ratio; "
            + "each job first runs once unmeasured, for as long as the warm-up, so both measured runs find their code compiled")
    boolean baseline;

    @Option(names = "--inspector", description = "run again with the web inspector open (live dataflow, a watched entity, "
            + "queryable-state lookups, tracing at its default rate) and report the throughput ratio and lookup latencies")
    boolean inspector;

    @Option(names = "--gateway", paramLabel = "URL", description = "load a program already running behind this gateway"
            + " (entityflow gateway in front of a cluster, or another entityflow run) through HTTP, instead of starting one;"
            + " it must hold none of the workload's entities yet")
    java.net.URI gateway;

    @Option(names = "--cluster", description = "then run the same workload on a local Flink cluster (JobManager and two"
            + " task managers, Kafka broker: separate JVMs) through a gateway, and add its figures (cluster_*)")
    boolean cluster;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the key choices and of the zipfian scrambling")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = settings();
        if (stateDir != null && holdsSnapshots(stateDir)) {
            throw new IllegalArgumentException("the state directory " + stateDir + " already holds checkpoints or savepoints;"
                    + " bench creates its entities afresh, so give it an empty directory (or none)");
        }
        PrintWriter err = spec.commandLine().getErr();
        CompiledProgram program = CompiledProgram.compile(dir);
        Optional<String> problem = ProgramFit.problem(program, settings.workload());
        if (problem.isPresent()) {
            throw new IllegalArgumentException("cannot bench " + dir + ": " + problem.get());
        }
        if (baseline) {
            // both jobs run on the same Flink code (network stack, state backend, checkpoints): whichever ran first
            // would pay for compiling it in its measured window, so the hand-written job runs once unmeasured first.
            // And each job's own code (entityflow's runtime and the program's generated classes; the hand-written
            // function) must have had as long to compile as the other's: the hand-written job's own paths were warm
            // after that first run, entityflow's had only their warm-up, and on two cores the JIT still raised
            // entityflow's throughput through its measured window (269,000 → 500,000 ops/s, docs/benchmarks.md)
            new BenchRun(program, settings.warmingUp(), err).run(true, stateDirOf("warm-up"));
            new BenchRun(program, settings.warmingUp(), err).run(false, stateDirOf("warm-up-entityflow"));
        }
        Measurement run = new BenchRun(program, settings, err).run(false, stateDir);
        Measurement reference = null;
        if (baseline) {
            reference = new BenchRun(program, settings, err).run(true, stateDirOf("baseline"));
        }
        if (inspector) {
            Measurement inspected = new BenchRun(program, settings, err).run(false, stateDirOf("inspected"), true);
            Map<String, Object> figures = new LinkedHashMap<>(inspected.figures());
            figures.put("inspector_throughput", Math.round(inspected.throughput() * 10) / 10.0);
            figures.put("inspector_p99_ms", inspected.p99Millis());
            figures.put("inspector_consistent", inspected.verdict().consistent());
            figures.put("inspector_ratio", run.throughput() > 0 ? Math.round(inspected.throughput() / run.throughput() * 1000) / 1000.0 : null);
            Map<String, Object> merged = new LinkedHashMap<>(run.figures());
            merged.putAll(figures);
            run = new Measurement(run.throughput(), run.p50Millis(), run.p99Millis(), run.operations(), run.errors(),
                    run.cpuMicrosPerOperation(), run.verdict(), merged);
        }
        if (cluster) {
            Measurement onCluster;
            try (LocalClusterRun local = LocalClusterRun.start(program, settings, err)) {
                onCluster = new BenchRun(program, settings.through(local.gatewayUrl()), err).run(false, null);
            }
            Map<String, Object> merged = new LinkedHashMap<>(run.figures());
            merged.put("cluster_throughput", Math.round(onCluster.throughput() * 10) / 10.0);
            merged.put("cluster_p50_ms", onCluster.p50Millis());
            merged.put("cluster_p99_ms", onCluster.p99Millis());
            merged.put("cluster_errors", onCluster.errors());
            merged.put("cluster_consistent", onCluster.verdict().consistent());
            run = new Measurement(run.throughput(), run.p50Millis(), run.p99Millis(), run.operations(), run.errors(),
                    run.cpuMicrosPerOperation(), run.verdict(), merged);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(JsonLine.of(settings, run, reference));
        out.flush();
        return 0;
    }

    private BenchSettings settings() {
        WorkloadKind kind = WorkloadKind.of(workload);
        int inFlight = outstanding != null ? outstanding
                : kind == WorkloadKind.HOP_LATENCY ? 1
                : http || gateway != null ? (immediate ? 128 : 1024)
                : immediate ? 1000 : 20_000;
        return new BenchSettings(kind, distribution, duration, warmup, rate,
                records != null ? records : kind.defaultRecords(), http || gateway != null, immediate, parallelism,
                inFlight, checkpointMillis, tuning.changelog(), tuning.bufferTimeoutMillis(), tuning.checkpointOnDemand(),
                tuning.maxActiveTransactions(), stateDir, baseline, seed, gateway);
    }

    /** The state directory of an extra run inside --state-dir, or null (a fresh temporary one) without it. */
    private Path stateDirOf(String run) {
        return stateDir == null ? null : stateDir.resolve(run);
    }

    private static boolean holdsSnapshots(Path directory) throws IOException {
        for (String kind : new String[] {"checkpoints", "savepoints"}) {
            Path sub = directory.resolve(kind);
            if (Files.isDirectory(sub)) {
                try (Stream<Path> entries = Files.list(sub)) {
                    if (entries.findAny().isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
