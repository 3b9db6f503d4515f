package io.entityflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code entityflow bench} for real, briefly: YCSB-A on samples/ycsb on an embedded engine, in-process with the
 * hand-written baseline after it, and through the HTTP gateway. Each ends with one JSON line whose figures say
 * the run did work, without failures, and left the accounts as the acknowledged operations imply.
 */
class BenchCommandIT {
    private static final String YCSB = "../samples/ycsb";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void ycsbAInProcessWithTheBaseline() throws Exception {
        JsonNode json = bench("--baseline", "--outstanding", "2000");
        assertThat(json.get("mode").asText()).isEqualTo("engine");
        assertThat(json.get("responses").asText()).isEqualTo("committed");
        assertThat(json.get("baseline_throughput").asDouble()).isPositive();
        assertThat(json.get("baseline_errors").asLong()).isZero();
        assertThat(json.get("baseline_consistent").asBoolean()).isTrue();
        assertThat(json.get("ratio").asDouble()).isPositive();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void ycsbAThroughTheGateway() throws Exception {
        JsonNode json = bench("--http", "--immediate", "--outstanding", "32");
        assertThat(json.get("mode").asText()).isEqualTo("http");
        assertThat(json.get("responses").asText()).isEqualTo("immediate");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void checkoutsInProcessUntilTheOrdersRunOut() throws Exception {
        JsonNode json = checkout("--distribution", "zipfian", "--records", "3000", "--warmup", "0", "--duration", "60",
                "--outstanding", "500", "--max-active-transactions", "16");
        assertThat(json.get("mode").asText()).isEqualTo("engine");
        // 3,000 orders cannot last a minute: the run ends when each has been checked out once
        assertThat(json.get("measured_s").asDouble()).isLessThan(60);
        assertThat(json.get("transactions").asLong()).isGreaterThan(0);
        // 500 in flight, at most 16 transactions per loop subtask (and one more per pause in which none ended)
        assertThat(json.get("max_active_transactions").asInt()).isEqualTo(16);
        assertThat(json.get("most_active_transactions").asInt()).isBetween(1, 16 + json.get("overdue_admissions").asInt());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void checkoutsThroughTheCoursesRoute() throws Exception {
        JsonNode json = checkout("--http", "--immediate", "--records", "20000", "--warmup", "1", "--duration", "3",
                "--outstanding", "64");
        assertThat(json.get("mode").asText()).isEqualTo("http");
        assertThat(json.get("measured_s").asDouble()).isGreaterThan(2.5);
    }

    private static JsonNode checkout(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "../samples/checkout", "--workload", "checkout"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.outLines().get(0));
        assertThat(json.get("workload").asText()).isEqualTo("checkout");
        assertThat(json.get("throughput").asDouble()).as(run.describe()).isPositive();
        assertThat(json.get("errors").asLong()).as(run.describe()).isZero();
        assertThat(json.get("refused").asLong()).as(run.describe()).isZero();
        assertThat(json.get("consistent").asBoolean()).as(run.describe()).isTrue();
        assertThat(json.get("given_up").asLong()).isZero();
        assertThat(run.err()).contains("orders of 2 items").contains("stock conserved").contains("money conserved");
        return json;
    }

    /** Runs a 3-second YCSB-A over 1,000 accounts and checks what every run must show. */
    private static JsonNode bench(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("bench", YCSB, "--workload", "ycsb-a", "--records", "1000",
                "--warmup", "1", "--duration", "3"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.outLines()).as(run.describe()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(run.outLines().get(0));
        assertThat(json.get("workload").asText()).isEqualTo("ycsb-a");
        assertThat(json.get("throughput").asDouble()).as(run.describe()).isPositive();
        assertThat(json.get("p50_ms").asDouble()).isPositive();
        assertThat(json.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(json.get("p50_ms").asDouble());
        assertThat(json.get("errors").asLong()).as(run.describe()).isZero();
        assertThat(json.get("consistent").asBoolean()).as(run.describe()).isTrue();
        assertThat(run.err()).contains("measure").contains("ops/s");
        return json;
    }
}
