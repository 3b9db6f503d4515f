package io.entityflow.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-line JSON summary a bench run ends with (ARCHITECTURE §7): the contract fields first
 * ({@code workload, distribution, mode, responses, throughput, p50_ms, p99_ms, errors, consistent}), then the
 * settings that produced them, the workload's own figures, and with a baseline its figures and the ratio.
 */
final class JsonLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLine() {
    }

    static String of(BenchSettings settings, Measurement run, Measurement baseline) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("workload", settings.workload().label());
        line.put("distribution", settings.distribution());
        line.put("mode", settings.http() ? "http" : "engine");
        line.put("responses", settings.immediate() ? "immediate" : "committed");
        line.put("throughput", rounded(run.throughput(), 1));
        line.put("p50_ms", millis(run.p50Millis()));
        line.put("p99_ms", millis(run.p99Millis()));
        line.put("errors", run.errors());
        line.put("consistent", run.verdict().consistent());
        line.put("target", settings.gateway() != null ? settings.gateway().toString() : "embedded");
        line.put("records", settings.records());
        line.put("duration_s", settings.durationSeconds());
        line.put("warmup_s", settings.warmupSeconds());
        if (settings.gateway() == null) {
            // the engine's settings; a program behind another gateway runs with its deployment's
            line.put("parallelism", settings.parallelism());
            line.put("checkpoint_ms", settings.checkpointMillis());
        }
        line.put("outstanding", settings.outstanding());
        if (settings.gateway() == null) {
            line.put("checkpoints", settings.changelog() ? "incremental" : "full");
            line.put("buffer_timeout_ms", settings.bufferTimeoutMillis());
            line.put("max_active_transactions", settings.maxActiveTransactions());
            if (!settings.immediate()) {
                line.put("checkpoint_on_demand", settings.checkpointOnDemand());
            }
        }
        if (settings.rate() > 0) {
            line.put("rate", settings.rate());
        }
        line.put("operations", run.operations());
        line.put("cpu_us_per_op", rounded(run.cpuMicrosPerOperation(), 2));
        line.putAll(run.figures());
        if (baseline != null) {
            line.put("baseline_throughput", rounded(baseline.throughput(), 1));
            line.put("baseline_p50_ms", millis(baseline.p50Millis()));
            line.put("baseline_p99_ms", millis(baseline.p99Millis()));
            line.put("baseline_errors", baseline.errors());
            line.put("baseline_consistent", baseline.verdict().consistent());
            line.put("baseline_cpu_us_per_op", rounded(baseline.cpuMicrosPerOperation(), 2));
            line.put("ratio", baseline.throughput() > 0 ? rounded(run.throughput() / baseline.throughput(), 3) : null);
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds to the microsecond: the histograms' resolution. */
    static BigDecimal millis(double value) {
        return rounded(value, 3);
    }

    private static BigDecimal rounded(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
