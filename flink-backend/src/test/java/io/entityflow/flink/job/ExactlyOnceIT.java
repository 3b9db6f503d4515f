package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.runtime.FaultInjection;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.source.SourceFile;
import org.apache.flink.runtime.minicluster.MiniCluster;
import io.entityflow.flink.runtime.MethodTraits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once across task failures: while clients send call chains that touch three entities each (and
 * retry with the same idempotency key until acknowledged, some retries landing in the request log as
 * duplicates), tasks are made to fail at least three times. Afterwards every entity counted exactly the
 * visits of the requests sent: nothing lost (loop envelopes in flight at a checkpoint are replayed),
 * nothing applied twice (recorded results answer the duplicates).
 */
class ExactlyOnceIT {
    private static final String HOP = """
            package chain;
            import io.entityflow.api.*;
            @Entity public class Hop {
                @Key private String id; private long visits;
                public Hop(String id) { this.id = id; }
                public long first(Hop second, Hop third, int rounds) {
                    visits++;
                    long last = 0;
                    for (int i = 0; i < rounds; i++) { last = second.second(third); }
                    return last * 1000 + visits;
                }
                public long second(Hop third) { visits++; return third.third(); }
                public long third() { visits++; return visits; }
                public long getVisits() { return visits; }
            }
            """;
    private static final int HOPS = 12;
    private static final int REQUESTS = 3_000;
    private static final int FAILURES = 4;

    /** @param loopOverNetwork the loop of cluster jobs (keyBy edge to a tail) instead of the one-JVM loop */
    @ParameterizedTest(name = "loop over the network: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyChainCountsOnceThroughTaskFailures(boolean loopOverNetwork) throws Exception {
        CompiledProgram program = CompiledProgram.compile(List.of(new SourceFile("chain/Hop.java", HOP)));
        try (MiniCluster cluster = TestClusters.start(4)) {
            FlinkWorld job = new FlinkWorld(program.classes(), program.entityTypes(), cluster, 2, true,
                    MethodTraits.none(), loopOverNetwork);
            for (int h = 0; h < HOPS; h++) {
                assertThat(job.create("chain.Hop", "h" + h).failed()).isFalse();
            }
            Random random = new Random(7);
            Map<String, Long> expected = new HashMap<>();
            List<Envelope> requests = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                List<Integer> three = threeDistinct(random);
                EntityRef[] hops = three.stream().map(h -> new EntityRef("chain.Hop", "h" + h)).toArray(EntityRef[]::new);
                // long chains (up to 4 × 200 loop passes, longer than a checkpoint interval) keep envelopes
                // in flight on the loop's channel at every checkpoint
                int rounds = 1 + random.nextInt(200);
                requests.add(Envelope.call("chain-" + i, hops[0], "first", new Object[]{hops[1], hops[2], rounds}, List.of()));
                expected.merge(hops[0].key().toString(), 1L, Long::sum);
                expected.merge(hops[1].key().toString(), (long) rounds, Long::sum);
                expected.merge(hops[2].key().toString(), (long) rounds, Long::sum);
            }

            ExecutorService injector = Executors.newSingleThreadExecutor();
            int firedBefore = FaultInjection.fired(); // counted per JVM, across this class's runs
            AtomicBoolean loadRunning = new AtomicBoolean(true);
            CompletableFuture<Void> faults = CompletableFuture.runAsync(() -> injectFailures(firedBefore, loadRunning), injector);
            Map<String, Object> acknowledged = sendWithRetries(job, requests);
            loadRunning.set(false);
            faults.get(1, TimeUnit.MINUTES);
            injector.shutdown();

            assertThat(FaultInjection.fired() - firedBefore).as("task failures injected").isGreaterThanOrEqualTo(FAILURES);
            assertThat(acknowledged).hasSize(REQUESTS);
            for (int h = 0; h < HOPS; h++) {
                assertThat(job.call(new EntityRef("chain.Hop", "h" + h), "getVisits").value())
                        .as("visits of h%d", h).isEqualTo(expected.getOrDefault("h" + h, 0L));
            }
            // a retry after the acknowledgement gets the recorded result and changes nothing
            for (int i = 0; i < REQUESTS; i += 97) {
                Envelope retry = requests.get(i);
                assertThat(job.submit(retry).get(60, TimeUnit.SECONDS).value()).as("retried %s", retry.requestId())
                        .isEqualTo(acknowledged.get(retry.requestId()));
            }
            for (int h = 0; h < HOPS; h++) {
                assertThat(job.call(new EntityRef("chain.Hop", "h" + h), "getVisits").value())
                        .as("visits of h%d after retries", h).isEqualTo(expected.getOrDefault("h" + h, 0L));
            }
            job.cancel();
        } finally {
            FaultInjection.disarm();
        }
    }

    private static List<Integer> threeDistinct(Random random) {
        List<Integer> picked = new ArrayList<>(3);
        while (picked.size() < 3) {
            int next = random.nextInt(HOPS);
            if (!picked.contains(next)) {
                picked.add(next);
            }
        }
        return picked;
    }

    /** At most 300 requests in flight; each is retried with the same key until its response arrives. */
    private static Map<String, Object> sendWithRetries(FlinkWorld job, List<Envelope> requests) throws Exception {
        Map<String, Object> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
        Semaphore window = new Semaphore(300);
        List<CompletableFuture<Object>> all = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Envelope request = requests.get(i);
            window.acquire();
            if (i % 10 == 0) {
                // a retry that reaches the log as a second copy, as one arriving after a crash would
                job.queues().appendToLog(request);
            }
            all.add(untilAcknowledged(job, request).whenComplete((value, failure) -> {
                if (failure == null) {
                    acknowledged.put(request.requestId(), value);
                }
                window.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(4, TimeUnit.MINUTES);
        return acknowledged;
    }

    private static CompletableFuture<Object> untilAcknowledged(FlinkWorld job, Envelope request) {
        return job.submit(request).copy().orTimeout(10, TimeUnit.SECONDS).<Object>thenApply(Envelope::value)
                .exceptionallyCompose(failure -> {
                    if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
                        return untilAcknowledged(job, request); // not acknowledged yet: send again, same key
                    }
                    return CompletableFuture.failedFuture(failure);
                });
    }

    /** Fails a task every few hundred milliseconds until {@link #FAILURES} fired or the load is over. */
    private static void injectFailures(int firedBefore, AtomicBoolean loadRunning) {
        Random random = new Random(11);
        try {
            for (int f = 1; f <= FAILURES && loadRunning.get(); f++) {
                Thread.sleep(200 + random.nextInt(300));
                FaultInjection.failAfter(200 + random.nextInt(1_000));
                while (FaultInjection.fired() - firedBefore < f && loadRunning.get()) {
                    Thread.sleep(20);
                }
                if (FaultInjection.fired() - firedBefore >= f) {
                    System.out.printf("injected failure %d%n", f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            FaultInjection.disarm();
        }
    }
}
