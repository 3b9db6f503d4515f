package io.entityflow.flink.runtime;

import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.Outcome;
import io.entityflow.ir.testing.SampleScripts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime's envelope protocol (calls, creates, returns, callee exceptions, call stacks in messages,
 * every message serialised) against plain Java: the same results, exceptions and final state.
 */
class EnvelopeRuntimeDifferentialTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void shopThroughEnvelopes() {
        DifferentialWorld world = DifferentialWorld.of(ROOT.resolve("samples/shop"), EnvelopeWorld::new);
        SampleScripts.shopBuyItem(world);
        Outcome duplicate = world.create("User", "ann");
        assertThat(duplicate.exceptionMessage()).contains("already exists");
        world.assertSameState();
    }

    @Test
    void checkoutWithRefusalsThroughEnvelopes() {
        DifferentialWorld world = DifferentialWorld.of(ROOT.resolve("samples/checkout"), EnvelopeWorld::new);
        SampleScripts.randomCheckouts(world, 3, 10);
        world.assertSameState();
    }

    @Test
    void everyConstructOfTheTrickyProgramThroughEnvelopes() {
        DifferentialWorld world = DifferentialWorld.of(ROOT.resolve("ir-graph/src/test/resources/tricky"), EnvelopeWorld::new);
        world.create("Node", "a", 4L);
        world.create("Node", "b", -3L);
        world.create("Prober", "p", world.ref("Node", "a"), world.ref("Node", "b"));
        String[] methods = {"evaluationOrder", "shortCircuit", "earlyReturn", "nestedRemote", "tryCatchFinally",
                "returnThroughFinally", "propagates", "nestedTry", "boxedArithmetic", "compoundReadsFirst", "deepFinally",
                "lambdasAroundCalls"};
        for (long x = 0; x < 6; x++) {
            for (String method : methods) {
                world.call("Prober", "p", method, x);
            }
            world.call("Prober", "p", "loops", (int) x);
            world.call("Prober", "p", "labelled", (int) x + 2);
            world.call("Prober", "p", "switches", (int) x, x % 2 == 0 ? "x" : "word");
            world.call("Prober", "p", "localSuspending", (int) x % 4);
            world.call("Prober", "p", "recursionAcross", (int) x);
            world.call("Prober", "p", "callBack", world.ref("Node", "a"));
            world.call("Prober", "p", "references");
            world.call("Prober", "p", "same", world.ref("Node", "a"));
        }
        world.call("Prober", "p", "makeNode", "c", 8L);
        world.call("Prober", "p", "makeNode", "d", 9L);
        world.assertSameState();
    }
}
