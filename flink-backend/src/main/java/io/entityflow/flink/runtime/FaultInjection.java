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

    /** The failure a test asked for; never thrown otherwise. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure() {
            super("failure injected by a test");
        }
    }
}
