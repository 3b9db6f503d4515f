package io.entityflow.flink.embedded;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Committed responses without waiting for the periodic checkpoint: with the interval at ten minutes, calls are
 * still answered — one after another and many at once — because a waiting response asks for a checkpoint; and
 * each answer is committed: the engine has completed a checkpoint after the call was sent.
 */
class CheckpointOnDemandIT {
    private static final EntityRef ITEM = new EntityRef("shop.Item", "i1");
    private int calls;
    @TempDir
    Path stateDir;

    @Test
    @Timeout(120)
    void committedAnswersComeWithoutWaitingForThePeriodicCheckpoint() throws Exception {
        CompiledProgram program = CompiledProgram.compile(Path.of("..", "samples", "shop"));
        EngineOptions options = EngineOptions.defaults(stateDir).withCheckpointInterval(Duration.ofMinutes(10));
        try (EmbeddedEngine engine = EmbeddedEngine.start(program, options)) {
            long before = engine.completedCheckpoints();
            answer(engine.submit(Envelope.create("create-i1", ITEM, new Object[] {"i1", 1}, List.of())));
            for (int i = 0; i < 10; i++) {
                long sent = engine.completedCheckpoints();
                answer(engine.submit(Envelope.call("call-" + ++calls, ITEM, "updateStock", new Object[] {1}, List.of())));
                assertThat(engine.completedCheckpoints()).as("a checkpoint completed after call %d was sent", i).isGreaterThan(sent);
            }
            List<CompletableFuture<Envelope>> many = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                many.add(engine.submit(Envelope.call("call-" + ++calls, ITEM, "updateStock", new Object[] {1}, List.of())));
            }
            for (CompletableFuture<Envelope> call : many) {
                answer(call);
            }
            assertThat(engine.completedCheckpoints() - before).as("checkpoints asked for, not one per call").isLessThan(511);
        }
    }

    private static void answer(CompletableFuture<Envelope> call) throws Exception {
        Envelope response = call.get(30, TimeUnit.SECONDS);
        assertThat(response.value()).as(String.valueOf(response)).isNotInstanceOf(Throwable.class);
    }
}
