package io.entityflow.cli.bench;

import java.nio.file.Path;

/**
 * One bench run's settings, validated.
 *
 * @param stateDir    where checkpoints go; null for a fresh temporary directory per run
 * @param outstanding closed loop: requests kept in flight; open loop: the most allowed in flight
 * @param rate        requests per second (open loop), or 0 for a closed loop
 * @param changelog   incremental checkpoints (the state changes since the last one), or full ones
 * @param checkpointOnDemand a checkpoint asked for as soon as a committed response waits, or the periodic ones only
 * @param maxActiveTransactions transactions each loop subtask may have active before it reads no more requests (0: any)
 * @param gateway     the gateway of a program already running elsewhere (a cluster's), or null to start an embedded engine
 */
record BenchSettings(WorkloadKind workload, String distribution, int durationSeconds, int warmupSeconds, double rate,
                     int records, boolean http, boolean immediate, int parallelism, int outstanding,
                     int checkpointMillis, boolean changelog, int bufferTimeoutMillis, boolean checkpointOnDemand,
                     int maxActiveTransactions, Path stateDir, boolean baseline, long seed,
                     java.net.URI gateway) {

    BenchSettings {
        require(durationSeconds >= 1, "--duration must be at least 1 second");
        require(warmupSeconds >= 0, "--warmup must not be negative");
        require(rate >= 0, "--rate must not be negative");
        require(records >= 3, "--records must be at least 3");
        require(parallelism >= 1, "--parallelism must be at least 1");
        require(outstanding >= 1, "--outstanding must be at least 1");
        require(bufferTimeoutMillis >= 0, "--buffer-timeout must not be negative");
        require(maxActiveTransactions >= 0, "--max-active-transactions must not be negative");
        require(checkpointMillis >= 10, "--checkpoint-interval must be at least 10 ms");
        require(distribution.equals("uniform") || distribution.equals("zipfian"),
                "--distribution must be uniform or zipfian, not " + distribution);
        require(gateway == null || (http && !baseline), "--gateway runs through HTTP and has no baseline");
        require(!baseline || workload.hasBaseline(), "--baseline compares single-entity workloads (ycsb-a, ycsb-b); "
                + "the hand-written job makes no remote calls, so it has no " + workload.label());
    }

    /** The same workload through the gateway at {@code url} (a program deployed elsewhere), over HTTP. */
    BenchSettings through(java.net.URI url) {
        return new BenchSettings(workload, distribution, durationSeconds, warmupSeconds, rate, records, true, immediate,
                parallelism, outstanding, checkpointMillis, changelog, bufferTimeoutMillis, checkpointOnDemand, maxActiveTransactions, null, false, seed, url);
    }

    /** A run that only warms the JVM up: as long as the warm-up, measured as a whole, figures unused. */
    BenchSettings warmingUp() {
        return new BenchSettings(workload, distribution, Math.max(1, warmupSeconds), 0, rate, records, http, immediate,
                parallelism, outstanding, checkpointMillis, changelog, bufferTimeoutMillis, checkpointOnDemand, maxActiveTransactions, stateDir, baseline,
                seed, gateway);
    }

    /** How many keys the distribution draws from: the accounts, or the items of the checkout workload. */
    int keySpace() {
        return workload == WorkloadKind.CHECKOUT ? CheckoutWorkload.itemsFor(records) : records;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
