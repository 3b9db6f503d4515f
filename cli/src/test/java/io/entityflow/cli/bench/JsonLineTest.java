package io.entityflow.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineTest {
    private static final BenchSettings SETTINGS = new BenchSettings(WorkloadKind.YCSB_A, "zipfian", 30, 5, 0, 10_000,
            false, true, 2, 1000, 100, true, 1, true, 256, null, true, 1, null);
    private static final Measurement RUN = new Measurement(180_000.04, 2.5, 12.3456, 5_400_000, 0, 9.5,
            new Workload.Verdict(true, "ok"), Map.of("read_proportion", 0.5));
    private static final Measurement BASELINE = new Measurement(200_000, 1.0, 4.0, 6_000_000, 0, 8.0,
            new Workload.Verdict(true, "ok"), Map.of());

    @Test
    void oneLineWithTheContractFieldsFirst() throws Exception {
        String line = JsonLine.of(SETTINGS, RUN, null);
        assertThat(line).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).startsWith("workload", "distribution", "mode", "responses", "throughput", "p50_ms", "p99_ms",
                "errors", "consistent");
        assertThat(json.get("workload").asText()).isEqualTo("ycsb-a");
        assertThat(json.get("distribution").asText()).isEqualTo("zipfian");
        assertThat(json.get("mode").asText()).isEqualTo("engine");
        assertThat(json.get("responses").asText()).isEqualTo("immediate");
        assertThat(json.get("throughput").asDouble()).isEqualTo(180_000.0);
        assertThat(json.get("p99_ms").asDouble()).isEqualTo(12.346);
        assertThat(json.get("errors").isIntegralNumber()).isTrue();
        assertThat(json.get("consistent").isBoolean()).isTrue();
        assertThat(json.get("read_proportion").asDouble()).isEqualTo(0.5);
        assertThat(json.has("ratio")).isFalse();
    }

    @Test
    void withABaselineItCarriesTheRatio() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonLine.of(SETTINGS, RUN, BASELINE));
        assertThat(json.get("baseline_throughput").asDouble()).isEqualTo(200_000.0);
        assertThat(json.get("ratio").asDouble()).isEqualTo(0.9);
        assertThat(json.get("baseline_consistent").asBoolean()).isTrue();
    }
}
