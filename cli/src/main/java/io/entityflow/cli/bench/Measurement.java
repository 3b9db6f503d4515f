package io.entityflow.cli.bench;

import java.util.Map;

/**
 * The figures of one benchmarked system: completed operations per second in the measured window, latency
 * percentiles in milliseconds, failed operations over the whole run (loading, warm-up, measurement, final
 * reads), the CPU time of the whole JVM per completed operation in the measured window (microseconds, -1 if
 * unknown), and the consistency verdict with how it was reached.
 */
record Measurement(double throughput, double p50Millis, double p99Millis, long operations, long errors,
                   double cpuMicrosPerOperation, Workload.Verdict verdict, Map<String, Object> figures) {
}
