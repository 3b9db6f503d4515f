package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.flink.serial.EnvelopeSerializer;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.testing.Outcome;
import io.entityflow.ir.testing.SplitRuntime;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink backend's runtime logic ({@link EntityInvoker}) driven by a FIFO queue standing in for the
 * dataflow: every envelope is serialised and read back before it is handled, as it would be on a
 * network channel or in the feedback log, and entity state is kept serialised, as in a state backend.
 * Test code: the product's engine is the Flink job.
 */
final class EnvelopeWorld implements SplitRuntime {
    private final EntityInvoker invoker;
    private final EntityTypes types;
    /** Entity state as a state backend holds it: serialised, read back for every event. */
    private final Map<EntityRef, byte[]> entities = new LinkedHashMap<>();
    private long requests;

    EnvelopeWorld(ClassLoader program) {
        UserClasses.register(program);
        this.types = new EntityTypes(program);
        this.invoker = new EntityInvoker(types);
    }

    @Override
    public Outcome create(String type, Object... args) {
        EntityRef ref;
        try {
            ref = types.refFor(type, args);
        } catch (Throwable t) {
            return Outcome.thrown(t);
        }
        return run(Envelope.create("req-" + (++requests), ref, args, List.of()));
    }

    @Override
    public Outcome call(EntityRef target, String method, Object... args) {
        return run(Envelope.call("req-" + (++requests), target, method, args, List.of()));
    }

    private Outcome run(Envelope request) {
        Deque<Envelope> queue = new ArrayDeque<>();
        queue.add(request);
        int hopsOfRequest = 0;
        while (!queue.isEmpty()) {
            Envelope envelope = overTheWire(queue.poll());
            if (++hopsOfRequest > 100_000) {
                throw new IllegalStateException("request " + request + " still running after 100,000 hops; now at " + envelope);
            }
            EntityRef destination = envelope.destination();
            if (destination == null) {
                Object value = envelope.value();
                return Outcome.returned(value);
            }
            Invocation invocation = invoker.handle(envelope, destination, load(destination));
            if (invocation.entity() != null) {
                entities.put(destination, store(invocation.entity()));
            }
            queue.addAll(invocation.outputs());
        }
        throw new IllegalStateException("request " + request.requestId() + " ended without a response");
    }

    private static Envelope overTheWire(Envelope envelope) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(128);
            EnvelopeSerializer.INSTANCE.serialize(envelope, out);
            return EnvelopeSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SplitEntity load(EntityRef ref) {
        byte[] bytes = entities.get(ref);
        try {
            return bytes == null ? null : EntityStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] store(SplitEntity entity) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            EntityStateSerializer.INSTANCE.serialize(entity, out);
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<EntityRef, Map<String, Object>> rawState() {
        Map<EntityRef, Map<String, Object>> state = new LinkedHashMap<>();
        entities.keySet().forEach(ref -> state.put(ref, load(ref).$state()));
        return state;
    }
}
