package io.entityflow.flink.inspect;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTracesTest {
    private static RequestTraces.TraceEvent event(String request, long micros) {
        return new RequestTraces.TraceEvent(request, micros, "shop.Item", "k", "CALL", "m", 0, "");
    }

    @Test
    void offByDefaultAndSampledByRate() {
        RequestTraces traces = new RequestTraces();
        assertThat(traces.active()).isFalse();
        traces.setRate(0.25);
        assertThat(traces.active()).isTrue();
        int sampled = 0;
        for (int i = 0; i < 40_000; i++) {
            if (traces.sampled("$" + UUID.randomUUID())) {
                sampled++;
            }
        }
        assertThat(sampled).isBetween(9_000, 11_000);
        traces.setRate(0);
        assertThat(traces.active()).isFalse();
        assertThatThrownBy(() -> traces.setRate(1.5)).hasMessageContaining("between 0 and 1");
    }

    @Test
    void aRequestedIdIsTracedUntilItIsAnswered() {
        RequestTraces traces = new RequestTraces();
        traces.request("r1");
        assertThat(traces.active()).isTrue();
        assertThat(traces.sampled("r1")).isTrue();
        assertThat(traces.sampled("r2")).isFalse();
        traces.finish("r1");
        assertThat(traces.active()).isFalse();
    }

    @Test
    void eventsComeBackInTimeOrder() {
        RequestTraces traces = new RequestTraces();
        traces.record(event("r", 30));
        traces.record(event("r", 10));
        traces.record(event("r", 20));
        assertThat(traces.trace("r").orElseThrow()).extracting(RequestTraces.TraceEvent::epochMicros).containsExactly(10L, 20L, 30L);
        assertThat(traces.trace("other")).isEmpty();
    }

    @Test
    void memoryIsBoundedInTracesAndInEventsPerTrace() {
        RequestTraces traces = new RequestTraces();
        for (int i = 0; i < RequestTraces.MAX_TRACES + 100; i++) {
            traces.record(event("r" + i, i));
        }
        List<String> recent = traces.recent(10_000);
        assertThat(recent).hasSize(RequestTraces.MAX_TRACES);
        assertThat(recent.get(0)).isEqualTo("r" + (RequestTraces.MAX_TRACES + 99));
        assertThat(traces.trace("r0")).as("the oldest dropped").isEmpty();
        for (int i = 0; i < RequestTraces.MAX_EVENTS * 2; i++) {
            traces.record(event("long", i));
        }
        assertThat(traces.trace("long").orElseThrow()).hasSize(RequestTraces.MAX_EVENTS);
    }
}
