package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.inspect.LiveEntities;
import io.entityflow.flink.inspect.LiveSubtask;
import io.entityflow.flink.serial.EntityKeyTypeInfo;
import io.entityflow.flink.serial.EntityLockSerializer;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.flink.txn.EntityLock;
import io.entityflow.inspector.api.InspectorError;
import io.entityflow.ir.graph.OperatorUids;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.queryablestate.client.QueryableStateClient;
import org.apache.flink.queryablestate.exceptions.UnknownKeyOrNamespaceException;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks an entity up by type and key through Flink queryable state (no trip through the loop, no wait for
 * a checkpoint): its fields and suspended invocations (one read of its {@code entity} state) and its lock.
 * In the job, answering runs on the entity's task thread between two records, so the image is consistent.
 * In an embedded run the same JVM also holds the subtask, which adds what queryable state cannot serve
 * (states with a time-to-live): recent idempotency records and the transactions the entity is root of.
 */
public final class EntityLookup implements AutoCloseable {
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 20;
    private final QueryableStateClient client;
    private final JobID jobId;
    private final ProgramShape program;
    private final EntityViews views;
    private final ExecutorService reads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "entityflow-inspector-reads");
        thread.setDaemon(true);
        return thread;
    });

    public EntityLookup(InetSocketAddress proxy, JobID jobId, ProgramShape program, EntityViews views) {
        try {
            this.client = new QueryableStateClient(proxy.getHostString(), proxy.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach queryable state at " + proxy, e);
        }
        client.setExecutionConfig(new ExecutionConfig());
        this.jobId = jobId;
        this.program = program;
        this.views = views;
    }

    /** {type, key, fields, suspended, lock, uncommitted, readMicros, [idempotency, transactions]}; 404 if absent. */
    public ObjectNode lookup(String typeName, String key) {
        String type = program.type(typeName);
        String flinkKey = new EntityRef(type, key).path(); // what the job partitions by
        long started = System.nanoTime();
        // both reads at once: each waits for the entity's task thread to reach a point between two records
        CompletableFuture<EntityLock> lockRead = CompletableFuture.supplyAsync(
                () -> query(type, flinkKey, "lock", EntityLockSerializer.INSTANCE), reads);
        SplitEntity entity = query(type, flinkKey, "entity", EntityStateSerializer.INSTANCE);
        if (entity == null) {
            throw InspectorError.notFound("unknown_key", "no " + simple(type) + " with key " + key);
        }
        EntityLock lock = lockRead.join();
        long micros = (System.nanoTime() - started) / 1000;
        ObjectNode view = views.mapper().createObjectNode().put("type", type).put("key", key);
        ObjectNode fields = views.fields(entity);
        view.set("fields", fields);
        view.set("suspended", views.suspended(type, entity));
        view.set("lock", views.lock(lock));
        view.set("uncommitted", views.uncommitted(entity, lock, fields));
        view.put("readMicros", micros).put("source", "queryable state");
        addLiveRecords(view, type, flinkKey);
        return view;
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private <T> T query(String type, String key, String state, org.apache.flink.api.common.typeutils.TypeSerializer<T> serializer) {
        ValueStateDescriptor<T> descriptor = new ValueStateDescriptor<>(state, serializer);
        String name = OperatorUids.entity(type) + "/" + state;
        Exception last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                ValueState<T> value = client.getKvState(jobId, name, key, EntityKeyTypeInfo.INSTANCE, descriptor)
                        .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return value.value();
            } catch (ExecutionException e) {
                if (causedBy(e, UnknownKeyOrNamespaceException.class)) {
                    return null;
                }
                last = e;
                // right after a (re)start the state's location is not registered yet
                sleep(100);
            } catch (TimeoutException e) {
                throw new InspectorError(504, "query_timeout", "queryable state did not answer for " + simple(type)
                        + "/" + key + " within " + QUERY_TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InspectorError(503, "interrupted", "interrupted");
            } catch (Exception e) {
                last = e;
                break;
            }
        }
        throw new InspectorError(502, "query_failed", "queryable state cannot read " + simple(type) + "/" + key + ": "
                + rootMessage(last));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root == null ? "unknown" : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void addLiveRecords(ObjectNode view, String type, String key) {
        List<LiveSubtask> subtasks = LiveEntities.of(jobId.toHexString(), type);
        if (subtasks.isEmpty()) {
            return;
        }
        for (LiveSubtask subtask : subtasks) {
            if (!subtask.holds(key)) {
                continue;
            }
            ObjectNode records = subtask.read(state -> {
                if (state.entity(key) == null) {
                    return null;
                }
                ObjectNode out = views.mapper().createObjectNode();
                ArrayNode recorded = out.putArray("recorded");
                for (Map.Entry<String, Envelope> entry : state.recordedResponses(key).entrySet()) {
                    recorded.addObject().put("idempotencyKey", entry.getKey())
                            .put("outcome", entry.getValue().value() instanceof io.entityflow.ir.runtime.RemoteFailure f
                                    ? "threw " + f.exceptionType() : "returned");
                }
                ArrayNode running = out.putArray("running");
                state.runningRequests(key).forEach(running::add);
                ArrayNode roots = out.putArray("transactions");
                state.transactionRoots(key).forEach((txn, request) -> roots.addObject().put("transaction", txn)
                        .put("method", request.method()).put("request", request.requestId()));
                return out;
            }, Duration.ofSeconds(2));
            if (records != null) {
                view.set("idempotency", records);
                view.put("subtask", subtask.subtaskIndex());
                return;
            }
        }
    }

    @Override
    public void close() {
        reads.shutdownNow();
        client.shutdownAndWait();
    }
}
