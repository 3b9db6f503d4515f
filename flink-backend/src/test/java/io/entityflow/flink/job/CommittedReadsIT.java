package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.runtime.FaultInjection;
import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.source.SourceFile;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads of committed state, answered without waiting for a checkpoint (docs/transactions.md), on a MiniCluster.
 *
 * <p>They never show what a crash undoes. Each roll of a die writes a
 * value nobody can predict, so a replay after a task failure rolls differently from the run the failure cut off;
 * a read that had been answered from that lost run would return a face no acknowledged roll ever returned. While
 * rolls and reads of a few dice run, tasks fail three times; afterwards every face a read returned is one an
 * acknowledged roll returned (or the first face, 0), and each die shows the face of an acknowledged roll.
 *
 * <p>And an answer is the client's own: one that returned a field's list does not change when a later call adds
 * to that list (the answer leaves from the entity's task, where it could still share objects with the state).
 */
class CommittedReadsIT {
    private static final String DIE = """
            package dice;
            import io.entityflow.api.*;
            @Entity public class Die {
                @Key private String id; private long face;
                public Die(String id) { this.id = id; }
                public long roll() { face = System.nanoTime() * 31 + id.hashCode(); return face; }
                @ReadOnly public long getFace() { return face; }
            }
            """;
    private static final String BAG = """
            package dice;
            import io.entityflow.api.*;
            import java.util.ArrayList;
            import java.util.List;
            @Entity public class Bag {
                @Key private String id; private List<String> things = new ArrayList<>();
                public Bag(String id) { this.id = id; }
                public void add(String thing) { things.add(thing); }
                public List<String> addAndGet(String thing) { things.add(thing); return things; }
                @ReadOnly public List<String> things() { return things; }
            }
            """;
    private static final CompiledProgram PROGRAM = CompiledProgram.compile(List.of(
            new SourceFile("dice/Die.java", DIE), new SourceFile("dice/Bag.java", BAG)));
    private static final int DICE = 4;
    private static final int REQUESTS = 4_000;
    private static final int FAILURES = 3;

    private static MiniCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestClusters.start(4);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    private static FlinkWorld job() {
        return new FlinkWorld(PROGRAM.classes(), PROGRAM.entityTypes(), cluster, 2, true, MethodTraits.of(PROGRAM));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anAnswerDoesNotChangeWithTheStateItWasReadFrom() throws Exception {
        FlinkWorld job = job();
        try {
            EntityRef bag = new EntityRef("dice.Bag", "b");
            assertThat(job.create("dice.Bag", "b").failed()).isFalse();
            job.call(bag, "add", "first");
            // answered at once: the add's answer came with the checkpoint that holds it, which the bag's task knew of
            Object read = job.call(bag, "things").value();
            assertThat(read).isEqualTo(List.of("first"));

            job.call(bag, "add", "second");
            assertThat(read).as("the answer read before the second add").isEqualTo(List.of("first"));
            assertThat(job.call(bag, "things").value()).isEqualTo(List.of("first", "second"));
        } finally {
            job.cancel();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aHeldAnswerDoesNotChangeWithCallsAfterIt() throws Exception {
        FlinkWorld job = job();
        try {
            EntityRef bag = new EntityRef("dice.Bag", "held");
            assertThat(job.create("dice.Bag", "held").failed()).isFalse();
            // both wait for a checkpoint; the second changes the list the first returned before either is answered
            CompletableFuture<Envelope> first = job.submitCall(bag, "addAndGet", "first");
            CompletableFuture<Envelope> second = job.submitCall(bag, "addAndGet", "second");
            assertThat(first.get(60, TimeUnit.SECONDS).value()).as("what the first call returned").isEqualTo(List.of("first"));
            assertThat(second.get(60, TimeUnit.SECONDS).value()).isEqualTo(List.of("first", "second"));
        } finally {
            job.cancel();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void readsNeverReturnAFaceThatNoAcknowledgedRollReturned() throws Exception {
        int firedBefore = FaultInjection.fired();
        FlinkWorld job = job();
        try {
            List<EntityRef> dice = new ArrayList<>();
            for (int d = 0; d < DICE; d++) {
                assertThat(job.create("dice.Die", "d" + d).failed()).isFalse();
                dice.add(new EntityRef("dice.Die", "d" + d));
            }
            Map<EntityRef, Set<Long>> rolled = new ConcurrentHashMap<>();
            Map<EntityRef, Set<Long>> read = new ConcurrentHashMap<>();
            dice.forEach(die -> {
                rolled.put(die, ConcurrentHashMap.newKeySet());
                read.put(die, ConcurrentHashMap.newKeySet());
            });
            Random random = new Random(5);
            Semaphore window = new Semaphore(64);
            List<CompletableFuture<Envelope>> all = new ArrayList<>();
            int armedAt = -1;
            int firedWhenArmed = FaultInjection.fired();
            for (int i = 0; i < REQUESTS; i++) {
                int fired = FaultInjection.fired();
                if (fired - firedBefore < FAILURES && (armedAt < 0 || fired > firedWhenArmed && i - armedAt > 500)) {
                    FaultInjection.failAfter(50 + random.nextInt(200)); // a task fails within the next envelopes
                    armedAt = i;
                    firedWhenArmed = fired;
                }
                EntityRef die = dice.get(random.nextInt(DICE));
                // phases of rolls and reads, and of reads alone: those find the dice unchanged since a checkpoint
                boolean roll = (i / 250) % 2 == 0 && random.nextInt(3) == 0;
                window.acquire();
                all.add(job.submitCall(die, roll ? "roll" : "getFace").whenComplete((response, failure) -> {
                    window.release();
                    if (failure == null && response.value() instanceof Long face) {
                        (roll ? rolled : read).get(die).add(face);
                    }
                }));
            }
            for (CompletableFuture<Envelope> request : all) {
                assertThat(request.get(90, TimeUnit.SECONDS).value()).isInstanceOf(Long.class);
            }
            FaultInjection.disarm();

            assertThat(FaultInjection.fired() - firedBefore).as("task failures").isGreaterThanOrEqualTo(FAILURES);
            for (EntityRef die : dice) {
                Set<Long> possible = new HashSet<>(rolled.get(die));
                possible.add(0L);
                assertThat(read.get(die)).as("faces read of %s", die).isSubsetOf(possible);
                assertThat(possible).as("the face %s shows", die).contains((Long) job.call(die, "getFace").value());
            }
        } finally {
            FaultInjection.disarm();
            job.cancel();
        }
    }
}
