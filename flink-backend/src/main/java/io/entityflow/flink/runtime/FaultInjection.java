package io.entityflow.flink.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A switch for failure tests: armed, it makes the entity operator of this JVM fail its task (as a crashed
 * task manager would) at the n-th envelope it processes from then on. Disarmed (always, unless a test arms
 * it) it costs one volatile read per envelope.
 */
public final class FaultInjection {
    private static final AtomicLong COUNTDOWN = new AtomicLong();
    private static final AtomicInteger FIRED = new AtomicInteger();
    private static volatile boolean armed;
    private static volatile String poisoned;

    private FaultInjection() {
    }

    /** The task processing the {@code envelopes}-th envelope from now fails, once. */
    public static void failAfter(long envelopes) {
        COUNTDOWN.set(envelopes);
        armed = true;
    }

    /** How many failures were injected so far in this JVM. */
    public static int fired() {
        return FIRED.get();
    }

    public static void disarm() {
        armed = false;
    }

    static void beforeEnvelope() {
        if (armed && COUNTDOWN.decrementAndGet() == 0) {
            armed = false;
            FIRED.incrementAndGet();
            throw new InjectedFailure();
        }
    }

    /**
     * Every envelope for the entity {@code destinationKey} ({@code type/key}) fails inside the runtime, as a
     * bug in entityflow would, until {@link #cure()}: its request must fail alone, the job must go on.
     */
    public static void poison(String destinationKey) {
        poisoned = destinationKey;
    }

    public static void cure() {
        poisoned = null;
    }

    static void beforeHandling(io.entityflow.flink.envelope.Envelope envelope) {
        String key = poisoned;
        if (key != null && key.equals(envelope.destinationKey())) {
            throw new IllegalStateException("runtime failure injected by a test for " + key);
        }
    }

    private static volatile String heldType;
    private static volatile String heldMethod;

    /**
     * Calls of {@code method} on entities of {@code entityType} (qualified) wait at their entity, not yet
     * handled, until {@link #release()}: a test sees the caller suspended mid-call, holding its locks. The
     * held envelope is kept in memory only (a failure while holding loses it): for tests, never for recovery.
     */
    public static void hold(String entityType, String method) {
        heldMethod = method;
        heldType = entityType;
    }

    public static void release() {
        heldType = null;
        heldMethod = null;
    }

    static boolean holding(io.entityflow.flink.envelope.Envelope envelope) {
        String type = heldType;
        return type != null && envelope.kind() == io.entityflow.flink.envelope.Envelope.Kind.CALL
                && envelope.target().type().equals(type) && envelope.method().equals(heldMethod);
    }

    static boolean holding() {
        return heldType != null;
    }

    /** The failure a test asked for; never thrown otherwise. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure() {
            super("failure injected by a test");
        }
    }
}
