package io.entityflow.flink.inspect;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.RemoteFailure;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Wraps the submission of client requests: a sampled request gets a trace event when it enters and when
 * its response leaves, and a request matching an armed "trace the next call of Type.method" is traced
 * whatever the rate. With tracing off it is one volatile read per request.
 */
public final class TracedSubmissions implements Function<Envelope, CompletableFuture<Envelope>> {
    private final Function<Envelope, CompletableFuture<Envelope>> submit;
    private final RequestTraces traces;
    private final AtomicReference<Armed> armed = new AtomicReference<>();

    /** The next client call of {@code method} (any method when null) on an entity of {@code entityType}. */
    public record Armed(String entityType, String method) {
        public Armed {
            Objects.requireNonNull(entityType, "entityType");
        }

        boolean matches(Envelope request) {
            return request.target() != null && request.target().type().equals(entityType)
                    && (method == null || method.equals(request.kind() == Envelope.Kind.CREATE ? "<init>" : request.method()));
        }
    }

    public TracedSubmissions(Function<Envelope, CompletableFuture<Envelope>> submit, RequestTraces traces) {
        this.submit = submit;
        this.traces = traces;
    }

    /** Traces the next matching call; replaces one armed before. */
    public void arm(Armed next) {
        armed.set(next);
        traces.setArmed(next != null); // tracing stays active until the armed call arrives
    }

    public Armed armed() {
        return armed.get();
    }

    @Override
    public CompletableFuture<Envelope> apply(Envelope request) {
        if (!traces.active()) {
            return submit.apply(request);
        }
        Armed next = armed.get();
        if (next != null && next.matches(request) && armed.compareAndSet(next, null)) {
            traces.request(request.requestId());
            traces.setArmed(false);
        }
        if (!traces.sampled(request.requestId())) {
            return submit.apply(request);
        }
        String type = request.target() == null ? null : request.target().type();
        String key = request.target() == null ? "" : String.valueOf(request.target().key());
        String method = request.kind() == Envelope.Kind.CREATE ? "<init>" : request.method();
        traces.record(new RequestTraces.TraceEvent(request.requestId(), RequestTraces.nowMicros(), type, key, "SUBMITTED", method, -1,
                "the gateway submits it"));
        return submit.apply(request).whenComplete((response, failure) -> {
            traces.record(new RequestTraces.TraceEvent(request.requestId(), RequestTraces.nowMicros(), type, key, "ANSWERED", method, -1,
                    failure != null ? "failed: " + failure.getMessage()
                            : response.value() instanceof RemoteFailure f ? "threw " + f.exceptionType() : "answered"));
            traces.finish(request.requestId());
        });
    }
}
