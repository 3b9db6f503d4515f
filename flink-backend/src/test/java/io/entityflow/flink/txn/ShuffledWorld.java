package io.entityflow.flink.txn;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Many requests in flight at once through {@link EntityEvents}, their envelopes delivered in a shuffled
 * (seeded) order: each delivery takes one of the {@code window} oldest envelopes at random, so messages
 * overtake each other as on a dataflow with parallel channels, without Flink. Test code.
 */
final class ShuffledWorld {
    private final EntityEvents events;
    private final EntityTypes types;
    private final Map<EntityRef, MapKeyState> keys = new LinkedHashMap<>();
    private final List<Envelope> inFlight = new ArrayList<>();
    private final Map<String, Object> responses = new HashMap<>();
    private final Random random;
    private long deliveries;
    private long aborts;

    private final int window;

    ShuffledWorld(CompiledProgram program, long seed, int maxAttempts, int window) {
        this.window = window;
        UserClasses.register(program.classes());
        this.types = new EntityTypes(program.classes());
        this.events = new EntityEvents(new EntityInvoker(types), MethodTraits.of(program), maxAttempts);
        this.random = new Random(seed);
    }

    EntityRef create(String type, Object... args) throws Throwable {
        EntityRef ref = types.refFor(type, args);
        send(Envelope.create("create-" + ref, ref, args, List.of()));
        runToQuiescence();
        return ref;
    }

    void send(Envelope request) {
        inFlight.add(request);
    }

    Object call(String requestId, EntityRef target, String method, Object... args) {
        send(Envelope.call(requestId, target, method, args, List.of()));
        runToQuiescence();
        return responses.get(requestId);
    }

    /** Delivers envelopes in random order until none is left. */
    void runToQuiescence() {
        while (!inFlight.isEmpty()) {
            Envelope next = inFlight.remove(random.nextInt(Math.min(window, inFlight.size())));
            if (++deliveries > 5_000_000) {
                throw new IllegalStateException("no quiescence after 5,000,000 deliveries (livelock?)");
            }
            EntityRef destination = next.destination();
            if (destination == null) {
                responses.put(next.requestId(), next.value());
                continue;
            }
            if (next.kind() == Envelope.Kind.ABORTED) {
                aborts++;
            }
            try {
                events.handle(next, destination, keys.computeIfAbsent(destination, k -> new MapKeyState()), inFlight::add);
            } catch (Exception e) {
                throw new IllegalStateException("handling " + next, e);
            }
        }
    }

    Map<String, Object> responses() {
        return responses;
    }

    Map<String, Object> fields(EntityRef ref) throws Exception {
        return keys.get(ref).entity().$state();
    }

    /** The key state of {@code ref}, to see what was written to it. */
    MapKeyState state(EntityRef ref) {
        return keys.get(ref);
    }

    long aborts() {
        return aborts;
    }

    /** After quiescence nothing may stay locked or open. */
    boolean anythingLocked() {
        return keys.values().stream().anyMatch(k -> k.locked() || k.openTransactions() > 0);
    }
}
