package io.entityflow.cli;

import io.entityflow.flink.job.JobOptions;
import picocli.CommandLine.Option;

/**
 * The engine settings {@code run} and {@code bench} share beyond parallelism and checkpoint interval:
 * how checkpoints are written, how long envelopes wait for their network buffers, and how many transactions run at
 * once (a picocli mixin).
 */
public final class EngineTuning {
    @Option(names = "--buffer-timeout", defaultValue = "1", paramLabel = "MS",
            description = "how long a request or response may wait for its network buffer to fill (default 1, batching "
                    + "under load; 0 sends each at once); the embedded engine's feedback loop has no network buffer")
    int bufferTimeoutMillis;

    @Option(names = "--full-checkpoints",
            description = "write every entity at each checkpoint instead of the state changes since the last one")
    boolean fullCheckpoints;

    @Option(names = "--periodic-checkpoints-only",
            description = "with committed responses, wait for the periodic checkpoints only instead of asking for one as soon as "
                    + "a response waits (fewer checkpoints at low load; an answer then waits up to the interval)")
    boolean periodicCheckpointsOnly;

    @Option(names = "--max-active-transactions", paramLabel = "N",
            defaultValue = "" + JobOptions.DEFAULT_MAX_ACTIVE_TRANSACTIONS,
            description = "transactions each loop subtask may have begun and not ended before it reads no more requests "
                    + "(default ${DEFAULT-VALUE}; 0 = no limit): the rest wait in the request log instead of thrashing the locks")
    int maxActiveTransactions;

    public int maxActiveTransactions() {
        return maxActiveTransactions;
    }

    public int bufferTimeoutMillis() {
        return bufferTimeoutMillis;
    }

    public boolean checkpointOnDemand() {
        return !periodicCheckpointsOnly;
    }

    /** Incremental checkpoints (Flink's changelog state backend) unless --full-checkpoints. */
    public boolean changelog() {
        return !fullCheckpoints;
    }
}
