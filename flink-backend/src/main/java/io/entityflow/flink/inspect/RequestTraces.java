package io.entityflow.flink.inspect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sampled request traces of one job in this JVM: which requests are traced (a rate, decided by a hash of
 * the request id so every operator agrees without talking, plus ids asked for explicitly) and the events
 * recorded for them, in bounded memory: at most {@link #MAX_TRACES} requests of at most
 * {@link #MAX_EVENTS} events each, the oldest dropped first. With sampling off, {@link #active()} is one
 * volatile read per envelope.
 */
public final class RequestTraces {
    public static final int MAX_TRACES = 500;
    public static final int MAX_EVENTS = 256;
    private static final Map<String, RequestTraces> BY_JOB = new ConcurrentHashMap<>();
    private final Map<String, List<TraceEvent>> traces = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    /** Sampled requests per 65,536. */
    private volatile int ratePer64k;
    private volatile boolean armed;
    private volatile boolean active;

    /** One step of a request: an envelope handled at an entity, or the request entering and leaving. */
    public record TraceEvent(String requestId, long epochMicros, String entityType, String key, String kind,
                             String method, int block, String detail) {
    }

    /** The clock of trace events: wall time in microseconds, so events of different threads line up. */
    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    public static RequestTraces of(String jobId) {
        return BY_JOB.computeIfAbsent(jobId, id -> new RequestTraces());
    }

    public static void forget(String jobId) {
        BY_JOB.remove(jobId);
    }

    public boolean active() {
        return active;
    }

    /** Samples {@code rate} (0..1) of all requests. */
    public void setRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a sampling rate is between 0 and 1, not " + rate);
        }
        ratePer64k = (int) Math.round(rate * 65_536);
        updateActive();
    }

    /** While a "trace the next call" waits for its call, submissions must look at every request. */
    public void setArmed(boolean value) {
        armed = value;
        updateActive();
    }

    private void updateActive() {
        active = ratePer64k > 0 || armed || !requested.isEmpty();
    }

    public double rate() {
        return ratePer64k / 65_536.0;
    }

    /** Traces the request with this id whatever the rate ("trace this call"). */
    public void request(String requestId) {
        requested.add(requestId);
        active = true;
    }

    /** The request was answered: an explicitly traced one stops being looked for. */
    public void finish(String requestId) {
        if (requested.remove(requestId)) {
            updateActive();
        }
    }

    public boolean sampled(String requestId) {
        if (requested.contains(requestId)) {
            return true;
        }
        int rate = ratePer64k;
        return rate > 0 && ((requestId.hashCode() * 0x9E3779B9) >>> 16) < rate;
    }

    public void record(TraceEvent event) {
        List<TraceEvent> events = traces.get(event.requestId());
        if (events == null) {
            List<TraceEvent> fresh = Collections.synchronizedList(new ArrayList<>());
            events = traces.putIfAbsent(event.requestId(), fresh);
            if (events == null) {
                events = fresh;
                order.addLast(event.requestId());
                if (count.incrementAndGet() > MAX_TRACES) {
                    String oldest = order.pollFirst();
                    if (oldest != null) {
                        traces.remove(oldest);
                        requested.remove(oldest);
                        count.decrementAndGet();
                        updateActive();
                    }
                }
            }
        }
        if (events.size() < MAX_EVENTS) {
            events.add(event);
        }
    }

    /** Request ids traced, newest first. */
    public List<String> recent(int limit) {
        List<String> ids = new ArrayList<>();
        for (var it = order.descendingIterator(); it.hasNext() && ids.size() < limit; ) {
            ids.add(it.next());
        }
        return ids;
    }

    /** The events of a request in the order recorded, or empty when it is not (or no longer) traced. */
    public Optional<List<TraceEvent>> trace(String requestId) {
        List<TraceEvent> events = traces.get(requestId);
        if (events == null) {
            return Optional.empty();
        }
        synchronized (events) {
            List<TraceEvent> copy = new ArrayList<>(events);
            copy.sort(java.util.Comparator.comparingLong(TraceEvent::epochMicros));
            return Optional.of(copy);
        }
    }
}
