package io.entityflow.flink.inspect;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class TracedSubmissionsTest {
    private final List<Envelope> submitted = new ArrayList<>();
    private final RequestTraces traces = new RequestTraces();
    private final TracedSubmissions tracer = new TracedSubmissions(request -> {
        submitted.add(request);
        return CompletableFuture.completedFuture(Envelope.result(request.requestId(), request.target(), true, List.of()));
    }, traces);

    private static Envelope call(String id, String type, String method) {
        return Envelope.call(id, EntityRef.of(type, "k"), method, new Object[0], List.of());
    }

    @Test
    void withTracingOffRequestsPassUntouched() {
        tracer.apply(call("r1", "shop.Item", "getPrice"));
        assertThat(submitted).hasSize(1);
        assertThat(traces.recent(10)).isEmpty();
    }

    @Test
    void anArmedTraceCatchesTheNextMatchingCallOnly() {
        tracer.arm(new TracedSubmissions.Armed("shop.User", "buyItem"));
        tracer.apply(call("r1", "shop.Item", "buyItem"));
        tracer.apply(call("r2", "shop.User", "getBalance"));
        tracer.apply(call("r3", "shop.User", "buyItem"));
        tracer.apply(call("r4", "shop.User", "buyItem"));
        assertThat(traces.recent(10)).containsExactly("r3");
        assertThat(traces.trace("r3").orElseThrow()).extracting(RequestTraces.TraceEvent::kind).containsExactly("SUBMITTED", "ANSWERED");
        assertThat(tracer.armed()).isNull();
        assertThat(traces.active()).as("nothing left to trace").isFalse();
    }
}
