package io.entityflow.flink.gateway;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.flink.runtime.Invocation;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.SplitEntity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime's logic ({@link EntityInvoker}) answering requests synchronously in memory, in place of the
 * Flink job, for gateway tests that need real entity behaviour but not Flink. Records what was submitted,
 * and can be told to stop answering (to test timeouts).
 */
final class InMemoryJob implements RequestSubmitter {
    private final EntityInvoker invoker;
    private final Map<EntityRef, SplitEntity> entities = new HashMap<>();
    private final List<Envelope> submitted = new ArrayList<>();
    private boolean answering = true;

    InMemoryJob(ClassLoader program) {
        this.invoker = new EntityInvoker(new EntityTypes(program));
    }

    @Override
    public synchronized CompletableFuture<Envelope> submit(Envelope request) {
        submitted.add(request);
        if (!answering) {
            return new CompletableFuture<>();
        }
        Deque<Envelope> queue = new ArrayDeque<>(List.of(request));
        while (!queue.isEmpty()) {
            Envelope envelope = queue.poll();
            EntityRef destination = envelope.destination();
            if (destination == null) {
                return CompletableFuture.completedFuture(envelope);
            }
            Invocation invocation = invoker.handle(envelope, destination, entities.get(destination));
            if (invocation.entity() != null) {
                entities.put(destination, invocation.entity());
            }
            queue.addAll(invocation.outputs());
        }
        throw new IllegalStateException("no response to " + request);
    }

    synchronized List<Envelope> submitted() {
        return List.copyOf(submitted);
    }

    synchronized void stopAnswering() {
        answering = false;
    }
}
