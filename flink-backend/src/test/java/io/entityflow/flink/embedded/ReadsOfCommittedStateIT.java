package io.entityflow.flink.embedded;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read of an entity whose state is all in a completed checkpoint is answered without waiting for another
 * (docs/transactions.md, "Reads of committed state"); a read of state changed since is not. The periodic interval
 * is ten minutes, so every checkpoint here is one a waiting response asked for.
 */
class ReadsOfCommittedStateIT {
    @TempDir
    static Path stateDir;
    private static EmbeddedEngine engine;

    @BeforeAll
    static void start() throws Exception {
        CompiledProgram program = CompiledProgram.compile(Path.of("..", "samples", "shop"));
        engine = EmbeddedEngine.start(program, EngineOptions.defaults(stateDir).withCheckpointInterval(Duration.ofMinutes(10)));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    @Timeout(120)
    void readsOfCommittedStateAskForNoCheckpoint() throws Exception {
        EntityRef item = new EntityRef("shop.Item", "committed");
        answer(Envelope.create(id(), item, new Object[] {"committed", 3}, List.of()));
        // its answer is released in the same task action that tells the item's operator of the checkpoint holding it
        answer(call(item, "updateStock", 5));

        long before = engine.completedCheckpoints();
        for (int i = 0; i < 20; i++) {
            assertThat(answer(call(item, "getStock"))).isEqualTo(5);
            assertThat(answer(call(item, EntityInvoker.STATE))).asString().contains("stock=5");
            assertThat(answer(call(new EntityRef("shop.Item", "never-created"), "getStock"))).asString()
                    .contains("NoSuchEntityException");
        }
        assertThat(engine.completedCheckpoints()).as("checkpoints while 60 reads of committed state were answered")
                .isEqualTo(before);

        // a create that fails (the item exists) writes nothing either, but is no read: a replay may run its constructor
        // to another end, so it waits for a checkpoint
        Object failed = answer(Envelope.create(id(), item, new Object[] {"committed", 3}, List.of()));
        assertThat(failed).asString().contains("EntityExistsException");
        assertThat(engine.completedCheckpoints()).as("checkpoints once the failed create was answered").isGreaterThan(before);
    }

    @Test
    @Timeout(120)
    void aReadOfStateNotYetCheckpointedWaitsForTheCheckpoint() throws Exception {
        EntityRef item = new EntityRef("shop.Item", "changing");
        answer(Envelope.create(id(), item, new Object[] {"changing", 3}, List.of()));
        for (int round = 1; round <= 10; round++) {
            long before = engine.completedCheckpoints();
            CompletableFuture<Envelope> update = engine.submit(call(item, "updateStock", 1));
            // the same entity handles the two in order: the read sees the update, which only a checkpoint commits
            Object stock = answer(call(item, "getStock"));
            assertThat(stock).isEqualTo(round);
            assertThat(engine.completedCheckpoints()).as("checkpoints completed when read %d was answered", round)
                    .isGreaterThan(before);
            assertThat(update.get(30, TimeUnit.SECONDS).value()).isEqualTo(true);
        }
    }

    private static Envelope call(EntityRef target, String method, Object... args) {
        return Envelope.call(id(), target, method, args, List.of());
    }

    private static String id() {
        return RequestIds.generate();
    }

    private static Object answer(Envelope request) throws Exception {
        Envelope response = engine.submit(request).get(30, TimeUnit.SECONDS);
        return response.value();
    }
}
