package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.codegen.EntityRewriter;
import io.entityflow.ir.codegen.InMemoryCompiler;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.source.SourceFile;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop never deadlocks on itself: a million envelopes circulating at full speed with parallelism 2
 * (Flink's iterate() stalls in most such runs, see TOOLCHAIN.md), with checkpoints every 250 ms. Every
 * request completes with the right result, the counters add up, and checkpoints complete.
 */
class LoopLoadIT {
    private static final String PINGER = """
            package load;
            import io.entityflow.api.*;
            @Entity public class Pinger {
                @Key private String id; private long sent;
                public Pinger(String id) { this.id = id; }
                public long pingMany(Ponger target, int times) {
                    long total = 0;
                    for (int i = 0; i < times; i++) { total += target.pong(); sent++; }
                    return total;
                }
                public long getSent() { return sent; }
            }
            """;
    private static final String PONGER = """
            package load;
            import io.entityflow.api.*;
            @Entity public class Ponger {
                @Key private String id; private long received;
                public Ponger(String id) { this.id = id; }
                public long pong() { received++; return 1; }
                public long getReceived() { return received; }
            }
            """;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aMillionMessagesCirculateWithoutDeadlock() throws Exception {
        Analysis analysis = EntityAnalyzer.analyze(List.of(new SourceFile("load/Pinger.java", PINGER),
                new SourceFile("load/Ponger.java", PONGER)));
        ClassLoader program = InMemoryCompiler.compile(EntityRewriter.generate(analysis));
        try (MiniCluster cluster = TestClusters.start(2)) {
            FlinkWorld job = new FlinkWorld(program, List.of("load.Pinger", "load.Ponger"), cluster, 2);
            int pingers = 50;
            int requestsPerPinger = 50;
            int pingsPerRequest = 200; // a call and a return each: 50 × 50 × 200 × 2 = 1,000,000 envelopes
            for (int p = 0; p < pingers; p++) {
                job.create("load.Pinger", "pinger-" + p);
                job.create("load.Ponger", "ponger-" + p);
            }
            long start = System.nanoTime();
            List<CompletableFuture<Envelope>> responses = new ArrayList<>();
            for (int r = 0; r < requestsPerPinger; r++) {
                for (int p = 0; p < pingers; p++) {
                    responses.add(job.submitCall(new EntityRef("load.Pinger", "pinger-" + p), "pingMany",
                            new EntityRef("load.Ponger", "ponger-" + ((p + 1) % pingers)), pingsPerRequest));
                }
            }
            for (CompletableFuture<Envelope> response : responses) {
                assertThat(response.get(4, TimeUnit.MINUTES).value()).isEqualTo((long) pingsPerRequest);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long envelopes = 2L * pingers * requestsPerPinger * pingsPerRequest;
            System.out.printf("loop load: %,d envelopes in %.1f s = %,.0f envelopes/s%n", envelopes, seconds, envelopes / seconds);
            for (int p = 0; p < pingers; p++) {
                assertThat(job.call(new EntityRef("load.Ponger", "ponger-" + p), "getReceived").value())
                        .isEqualTo((long) requestsPerPinger * pingsPerRequest);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (job.completedCheckpoints() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(job.completedCheckpoints()).as("checkpoints complete while the loop runs").isPositive();
            job.cancel();
        }
    }
}
