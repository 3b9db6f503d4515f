package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.testing.Outcome;
import io.entityflow.ir.testing.SplitRuntime;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** An entity program running as a Flink job on a shared MiniCluster, driven through its request queue. */
final class FlinkWorld implements SplitRuntime {
    private final String jobName = "entityflow-test-" + UUID.randomUUID();
    private final EntityTypes types;
    private final Set<EntityRef> known = new LinkedHashSet<>();
    private final MiniCluster cluster;
    private final org.apache.flink.api.common.JobID jobId;

    FlinkWorld(ClassLoader program, List<String> entityTypes, MiniCluster cluster, int parallelism) {
        this(program, entityTypes, cluster, parallelism, false);
    }

    /** @param committedResponses whether responses wait for their checkpoint (the default of real jobs) */
    FlinkWorld(ClassLoader program, List<String> entityTypes, MiniCluster cluster, int parallelism,
               boolean committedResponses) {
        this(program, entityTypes, cluster, parallelism, committedResponses, MethodTraits.none());
    }

    /** @param traits which methods are transactional or read-only (none: every call runs plain) */
    FlinkWorld(ClassLoader program, List<String> entityTypes, MiniCluster cluster, int parallelism,
               boolean committedResponses, MethodTraits traits) {
        this(program, entityTypes, cluster, parallelism, committedResponses, traits, false);
    }

    /** @param loopOverNetwork whether the loop takes the network edge cluster jobs use (else: in one JVM) */
    FlinkWorld(ClassLoader program, List<String> entityTypes, MiniCluster cluster, int parallelism,
               boolean committedResponses, MethodTraits traits, boolean loopOverNetwork) {
        this.cluster = cluster;
        UserClasses.register(program);
        this.types = new EntityTypes(program);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            env.setBufferTimeout(1);
            // checkpoints run during every test: entity state goes through EntityStateSerializer snapshots
            env.enableCheckpointing(committedResponses ? 50 : 250);
            org.apache.flink.configuration.Configuration restarts = new org.apache.flink.configuration.Configuration();
            restarts.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            restarts.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
            restarts.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    java.time.Duration.ofMillis(100));
            env.configure(restarts);
            JobOptions options = JobOptions.defaults(jobName).withCommittedResponses(committedResponses);
            EntityJob.build(env, new EntityInvoker(new EntityTypes(null)), traits, entityTypes,
                    loopOverNetwork ? options.withLoop(options.loop().overNetwork()) : options);
            JobGraph graph = env.getStreamGraph().getJobGraph();
            this.jobId = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the entity job", e);
        }
    }

    /** How many checkpoints of this job have completed so far. */
    long completedCheckpoints() throws Exception {
        return cluster.getExecutionGraph(jobId).get(30, TimeUnit.SECONDS).getCheckpointStatsSnapshot()
                .getCounts().getNumberOfCompletedCheckpoints();
    }

    void cancel() throws Exception {
        cluster.cancelJob(jobId).get(30, TimeUnit.SECONDS);
        RequestQueues.release(jobName);
    }

    @Override
    public Outcome create(String type, Object... args) {
        EntityRef ref;
        try {
            ref = types.refFor(type, args);
        } catch (Throwable t) {
            return Outcome.thrown(t);
        }
        Outcome outcome = send(Envelope.create(nextId(), ref, args, List.of()));
        if (!outcome.failed()) {
            known.add(ref);
        }
        return outcome;
    }

    @Override
    public Outcome call(EntityRef target, String method, Object... args) {
        return send(Envelope.call(nextId(), target, method, args, List.of()));
    }

    /** Sends a call without waiting: for load, many requests in flight at once. */
    java.util.concurrent.CompletableFuture<Envelope> submitCall(EntityRef target, String method, Object... args) {
        return RequestQueues.of(jobName).submit(Envelope.call(nextId(), target, method, args, List.of()));
    }

    /** The job's ingress, for tests that put requests straight into its log (as a retry after a crash would). */
    RequestQueues queues() {
        return RequestQueues.of(jobName);
    }

    /** Sends a request as is (its id may be an idempotency key), without waiting. */
    java.util.concurrent.CompletableFuture<Envelope> submit(Envelope request) {
        return RequestQueues.of(jobName).submit(request);
    }

    private String nextId() {
        return io.entityflow.flink.envelope.RequestIds.generate();
    }

    private Outcome send(Envelope request) {
        try {
            Envelope response = RequestQueues.of(jobName).submit(request).get(60, TimeUnit.SECONDS);
            Object value = response.value();
            return Outcome.returned(value);
        } catch (Exception e) {
            String status;
            try {
                status = String.valueOf(cluster.getJobStatus(jobId).get(5, TimeUnit.SECONDS));
                if (status.equals("FAILED")) {
                    status += ": " + cluster.requestJobResult(jobId).get(5, TimeUnit.SECONDS).getSerializedThrowable()
                            .map(t -> t.getFullStringifiedStackTrace()).orElse("?");
                }
            } catch (Exception statusUnknown) {
                status = "unknown (" + statusUnknown + ")";
            }
            throw new IllegalStateException("no response to " + request + "; job " + status, e);
        }
    }

    /** Reads every entity through the dataflow (the built-in $state call), following references found. */
    @Override
    @SuppressWarnings("unchecked")
    public Map<EntityRef, Map<String, Object>> rawState() {
        Map<EntityRef, Map<String, Object>> state = new LinkedHashMap<>();
        Deque<EntityRef> todo = new ArrayDeque<>(known);
        while (!todo.isEmpty()) {
            EntityRef ref = todo.poll();
            if (state.containsKey(ref)) {
                continue;
            }
            Outcome outcome = call(ref, EntityInvoker.STATE);
            if (outcome.failed()) {
                continue;
            }
            Map<String, Object> fields = (Map<String, Object>) outcome.value();
            state.put(ref, fields);
            collectRefs(fields, todo);
        }
        return state;
    }

    private static void collectRefs(Object value, Deque<EntityRef> into) {
        if (value instanceof EntityRef ref) {
            into.add(ref);
        } else if (value instanceof Iterable<?> items) {
            items.forEach(item -> collectRefs(item, into));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                collectRefs(k, into);
                collectRefs(v, into);
            });
        } else if (value instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    collectRefs(component.getAccessor().invoke(record), into);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
