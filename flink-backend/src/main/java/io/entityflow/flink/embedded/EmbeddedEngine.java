package io.entityflow.flink.embedded;

import io.entityflow.flink.checkpoint.BufferedMetadataStorage;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.job.EntityJob;
import io.entityflow.flink.job.CheckpointOnDemand;
import io.entityflow.flink.job.JobOptions;
import io.entityflow.flink.job.RequestQueues;
import io.entityflow.flink.runtime.TransactionAdmission;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.ir.codegen.CompiledProgram;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.QueryableStateOptions;
import io.entityflow.flink.inspect.RequestTraces;
import java.net.InetSocketAddress;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.RestoreMode;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An entity program running on a Flink MiniCluster inside this JVM: the default way to run. Checkpoints
 * and savepoints go to the state directory; a start on a directory that holds one resumes from the
 * newest (after a clean stop, its savepoint; after a crash, the latest completed checkpoint).
 */
public final class EmbeddedEngine implements AutoCloseable {
    /**
     * How often the changelog backend writes a full snapshot. Every checkpoint until the next one re-registers all
     * changelog pieces written since the last (the JobManager hashes each piece's key, and lists them all in the
     * checkpoint's metadata), so that cost grows with the checkpoints since it; with checkpoints asked for on demand
     * (~25/s under load) a minute of them made the JobManager a fifth of the CPU. Every 5 s instead of every minute:
     * wrk checkouts 3,156 / 3,078 → 3,986 / 3,688 per second on 2 cores. A snapshot that takes longer than this waits
     * for the previous one, so a large state bounds its own rate.
     */
    private static final Duration MATERIALIZATION_INTERVAL = Duration.ofSeconds(5);
    /** How long the changelog gathers the state changes of a checkpoint's operators into one upload. */
    private static final Duration CHANGELOG_PERSIST_DELAY = Duration.ofMillis(1);
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);
    private final MiniCluster cluster;
    private final JobID jobId;
    private final String name;
    private final EngineOptions options;
    private final Optional<Path> resumedFrom;
    private final InetSocketAddress queryableStateProxy;
    private volatile boolean stopped;

    private EmbeddedEngine(MiniCluster cluster, JobID jobId, String name, EngineOptions options, Optional<Path> resumedFrom,
                           InetSocketAddress queryableStateProxy) {
        this.cluster = cluster;
        this.queryableStateProxy = queryableStateProxy;
        this.jobId = jobId;
        this.name = name;
        this.options = options;
        this.resumedFrom = resumedFrom;
    }

    /** Starts the cluster and the program's job, and waits until the job runs. */
    public static EmbeddedEngine start(CompiledProgram program, EngineOptions options) throws Exception {
        UserClasses.register(program.classes());
        MethodTraits traits = MethodTraits.of(program);
        return start((env, jobOptions) -> EntityJob.build(env, new EntityInvoker(new EntityTypes(null)), traits,
                program.entityTypes(), jobOptions), options);
    }

    /**
     * Starts the cluster and any job fed through the engine's request queue (see {@link EngineJob}), with
     * the same cluster, checkpoint and buffer settings an entity program gets; waits until it runs.
     */
    public static EmbeddedEngine start(EngineJob job, EngineOptions options) throws Exception {
        Configuration configuration = configuration(options);
        // entities are read by key through queryable state (the inspector); one TaskManager, so one port each
        int proxyPort = FreePorts.any();
        configuration.set(QueryableStateOptions.ENABLE_QUERYABLE_STATE_PROXY_SERVER, true);
        configuration.set(QueryableStateOptions.PROXY_PORT_RANGE, String.valueOf(proxyPort));
        configuration.set(QueryableStateOptions.SERVER_PORT_RANGE, String.valueOf(FreePorts.any()));
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(configuration)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(options.parallelism()).build());
        cluster.start();
        try {
            String name = "entityflow-" + UUID.randomUUID();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
            env.setParallelism(options.parallelism());
            // 1 ms (default) batches envelopes under load; 0 minimises a loop pass, which bounds hot-entity transactions
            env.setBufferTimeout(options.bufferTimeout().toMillis());
            env.enableCheckpointing(options.checkpointInterval().toMillis());
            job.build(env, JobOptions.defaults(name).withCommittedResponses(options.committedResponses())
                    .withMaxActiveTransactions(options.maxActiveTransactions()));
            JobGraph graph = env.getStreamGraph().getJobGraph();
            Optional<Path> resume = StateDirectory.newestSnapshot(options);
            resume.ifPresent(path -> graph.setSavepointRestoreSettings(restoreFrom(path, options)));
            JobID jobId = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
            if (options.committedResponses() && options.checkpointOnDemand()) {
                RequestQueues.of(name).whenResponsesWait(new CheckpointOnDemand(() -> cluster.triggerCheckpoint(jobId)));
            }
            EmbeddedEngine engine = new EmbeddedEngine(cluster, jobId, name, options, resume,
                    new InetSocketAddress("127.0.0.1", proxyPort));
            engine.awaitRunning(Duration.ofSeconds(60));
            engine.pruneEarlierRunsOnceUnreferenced();
            return engine;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Configuration configuration(EngineOptions options) {
        Configuration configuration = new Configuration();
        configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, options.parallelism());
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_PORT, String.valueOf(options.webUiPort()));
        configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpoints().toAbsolutePath().toUri().toString());
        // Flink's file storage, with the metadata written through a buffer: unbuffered, each field was a system call
        // and, at tens of checkpoints a second, that was most of the JobManager's CPU (docs/benchmarks.md)
        configuration.set(CheckpointingOptions.CHECKPOINT_STORAGE, BufferedMetadataStorage.Factory.class.getName());
        configuration.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, options.savepoints().toAbsolutePath().toUri().toString());
        // kept when the job is cancelled or the process dies: the next start resumes from it
        configuration.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (options.changelog()) {
            // incremental checkpoints of the heap state: a full snapshot of every entity 10 times a second
            // cost more CPU than the entities' own work once there are some 100,000 of them
            configuration.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
            configuration.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
            configuration.set(FsStateChangelogOptions.BASE_PATH, options.changelogs().toAbsolutePath().toUri().toString());
            // a full snapshot in the background now and then bounds the changelog a restore replays
            configuration.set(StateChangelogOptions.PERIODIC_MATERIALIZATION_INTERVAL, MATERIALIZATION_INTERVAL);
            // a checkpoint waits for the changelog's upload, which by default waits 10 ms to batch more changes: with
            // committed responses that is answer latency (a call at idle: p50 22 → 13 ms). Not 0 either: each upload
            // is a new file, and without any wait every entity operator's part of a checkpoint made its own — file
            // creation was half the upload threads' CPU at 8,000 checkouts/s; 1 ms gathers one task's operators
            // into one file (docs/benchmarks.md, "Fourth session")
            configuration.set(FsStateChangelogOptions.PERSIST_DELAY, CHANGELOG_PERSIST_DELAY);
        }
        // a failure restarts the whole job: the loop's subtasks exchange envelopes Flink does not see, so one of them
        // restarted alone would run against its peers' newer state. EntityJob also joins them into one failover
        // region with an edge (so a MiniCluster of Flink's defaults is safe too); this does not rest on that edge
        configuration.set(JobManagerOptions.EXECUTION_FAILOVER_STRATEGY, "full");
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        return configuration;
    }

    private void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus status = cluster.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
            if (status == JobStatus.RUNNING && allTasksRunning()) {
                return;
            }
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("the entity job ended while starting: " + status + failureOf());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the entity job is not running after " + timeout + " (" + status + ")");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Restores without handing the snapshot to Flink: entityflow prunes the state directory itself (a savepoint
     * stays the user's). Flink's NO_CLAIM mode would do that but needs a full first checkpoint, which the
     * changelog backend cannot take; LEGACY ownership is the same contract without that demand (Flink marks
     * it deprecated in favour of those two, neither of which fits).
     */
    @SuppressWarnings("deprecation")
    private static SavepointRestoreSettings restoreFrom(Path snapshot, EngineOptions options) {
        return SavepointRestoreSettings.forPath(snapshot.toString(), false,
                options.changelog() ? RestoreMode.LEGACY : RestoreMode.NO_CLAIM);
    }

    /**
     * Once this job has a completed checkpoint that no longer needs them, deletes what earlier runs left.
     * With the changelog, this job's checkpoints keep referring to the files of the snapshot it resumed from
     * until the state is next materialised, so the pruner waits for a checkpoint whose metadata names none
     * of the earlier runs.
     */
    private void pruneEarlierRunsOnceUnreferenced() {
        Thread pruner = new Thread(() -> {
            try {
                while (!stopped && !StateDirectory.pruneEarlierRuns(options, jobId.toHexString())) {
                    Thread.sleep(options.checkpointInterval().toMillis());
                }
            } catch (Exception e) {
                LOG.warn("could not prune earlier runs from {}", options.stateDir(), e);
            }
        }, "entityflow-state-pruner");
        pruner.setDaemon(true);
        pruner.start();
    }

    private boolean allTasksRunning() throws Exception {
        for (var vertex : cluster.getExecutionGraph(jobId).get(10, TimeUnit.SECONDS).getAllExecutionVertices()) {
            if (vertex.getExecutionState() != org.apache.flink.runtime.execution.ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    private String failureOf() {
        try {
            return cluster.requestJobResult(jobId).get(10, TimeUnit.SECONDS).getSerializedThrowable()
                    .map(t -> ": " + t.getFullStringifiedStackTrace()).orElse("");
        } catch (Exception e) {
            return "";
        }
    }

    /** Sends a request into the job; the future completes with its response. */
    public CompletableFuture<Envelope> submit(Envelope request) {
        return RequestQueues.of(name).submit(request);
    }

    /** Requests submitted and not answered yet. */
    public int inFlight() {
        return RequestQueues.of(name).inFlight();
    }

    /** Each loop subtask's count of active transactions, by which its request reader limits them (in subtask order). */
    public List<TransactionAdmission> transactionAdmissions() {
        return java.util.stream.IntStream.range(0, options.parallelism()).mapToObj(subtask -> TransactionAdmission.of(name, subtask)).toList();
    }

    /** The snapshot this engine resumed from, if any. */
    public Optional<Path> resumedFrom() {
        return resumedFrom;
    }

    /** Flink's web UI and REST API. */
    public URI webUiUrl() throws Exception {
        return cluster.getRestAddress().get(10, TimeUnit.SECONDS);
    }

    /** Where {@code QueryableStateClient} reaches this engine's queryable state. */
    public InetSocketAddress queryableStateProxy() {
        return queryableStateProxy;
    }

    /** Checkpoints and savepoints of this engine. */
    public EngineOptions options() {
        return options;
    }

    public JobID jobId() {
        return jobId;
    }

    public long completedCheckpoints() throws Exception {
        return cluster.getExecutionGraph(jobId).get(30, TimeUnit.SECONDS).getCheckpointStatsSnapshot()
                .getCounts().getNumberOfCompletedCheckpoints();
    }

    /** Stops the job with a savepoint in the state directory (what the next start resumes from). */
    public Path stopWithSavepoint() throws Exception {
        String path = cluster.stopWithSavepoint(jobId, options.savepoints().toAbsolutePath().toUri().toString(), false,
                SavepointFormatType.CANONICAL).get(5, TimeUnit.MINUTES);
        stopped = true;
        LOG.info("stopped with savepoint {}", path);
        try {
            StateDirectory.pruneAfterSavepoint(options, jobId.toHexString());
        } catch (RuntimeException e) {
            LOG.warn("could not prune earlier runs from {}", options.stateDir(), e);
        }
        return Path.of(URI.create(path.startsWith("file:") ? path : "file:" + path));
    }

    @Override
    public void close() throws Exception {
        try {
            if (!stopped) {
                stopped = true;
                cluster.cancelJob(jobId).get(60, TimeUnit.SECONDS);
            }
        } finally {
            RequestQueues.release(name);
            RequestTraces.forget(jobId.toHexString());
            cluster.close();
        }
    }
}
