package io.entityflow.ir.differential;

import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each construct of ARCHITECTURE §3 split and run against plain Java (src/test/resources/tricky): the
 * same results, the same exceptions (type and message) and the same final state of every entity.
 */
class TrickyProgramsTest {
    private static final Path PROGRAM = Path.of("src", "test", "resources", "tricky");
    private DifferentialWorld world;

    @BeforeEach
    void createEntities() {
        world = DifferentialWorld.of(PROGRAM);
        world.create("Node", "a", 4L);
        world.create("Node", "b", -3L);
        world.create("Prober", "p", world.ref("Node", "a"), world.ref("Node", "b"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 5, 13})
    void everyConstructMatchesPlainJava(long x) {
        world.call("Prober", "p", "evaluationOrder", x);
        world.call("Prober", "p", "shortCircuit", x);
        world.call("Prober", "p", "loops", (int) x);
        world.call("Prober", "p", "labelled", (int) x + 2);
        world.call("Prober", "p", "switches", (int) x, x % 2 == 0 ? "x" : "word");
        world.call("Prober", "p", "earlyReturn", x);
        world.call("Prober", "p", "nestedRemote", x);
        world.call("Prober", "p", "tryCatchFinally", x * 3);
        world.call("Prober", "p", "returnThroughFinally", x * 4);
        world.call("Prober", "p", "propagates", x);
        world.call("Prober", "p", "nestedTry", x * 2);
        world.call("Prober", "p", "localSuspending", (int) x % 4);
        world.call("Prober", "p", "recursionAcross", (int) x);
        world.call("Prober", "p", "callBack", world.ref("Node", "a"));
        world.call("Prober", "p", "references");
        world.call("Prober", "p", "lambdasAroundCalls", x);
        world.call("Prober", "p", "boxedArithmetic", x);
        world.call("Prober", "p", "compoundReadsFirst", x);
        world.call("Prober", "p", "deepFinally", x);
        world.assertSameState();
    }

    @Test
    void calleeExceptionPropagatesWithTypeAndMessage() {
        world.call("Node", "b", "add", 100L);
        Outcome outcome = world.call("Prober", "p", "propagates", 10L);
        assertThat(outcome.exceptionType()).isEqualTo("io.entityflow.api.EntityException");
        assertThat(outcome.exceptionMessage()).isEqualTo("b is above 10");
        world.assertSameState();
    }

    @Test
    void catchAndFinallySeeTheCalleeException() {
        Outcome outcome = world.call("Prober", "p", "tryCatchFinally", 2L);
        assertThat((String) outcome.value()).contains("caught a is above 2").contains("arithmetic / by zero");
        world.assertSameState();
    }

    @Test
    void referencesCompareLikeObjects() {
        assertThat(world.call("Prober", "p", "same", world.ref("Node", "a")).value()).isEqualTo(true);
        assertThat(world.call("Prober", "p", "same", world.ref("Node", "b")).value()).isEqualTo(false);
        world.call("Prober", "p", "sameAfterCall", world.ref("Node", "a"));
        world.call("Prober", "p", "sameAfterCall", world.ref("Node", "b"));
        world.assertSameState();
    }

    @Test
    void createdEntitiesAndReferencesInState() {
        world.call("Prober", "p", "makeNode", "c", 8L);
        world.call("Prober", "p", "makeNode", "d", 9L);
        world.call("Node", "c", "add", 2L);
        world.call("Prober", "p", "references");
        world.assertSameState();
    }

    @Test
    void randomSequencesOfAllMethods() {
        String[] methods = {"evaluationOrder", "shortCircuit", "earlyReturn", "nestedRemote", "returnThroughFinally",
                "propagates", "nestedTry", "lambdasAroundCalls"};
        for (long seed = 1; seed <= 10; seed++) {
            createEntities();
            Random random = new Random(seed);
            for (int i = 0; i < 40; i++) {
                long x = random.nextInt(12) - 2;
                switch (random.nextInt(4)) {
                    case 0 -> world.call("Node", random.nextBoolean() ? "a" : "b", "add", x);
                    case 1 -> world.call("Prober", "p", "loops", random.nextInt(4));
                    case 2 -> world.call("Prober", "p", "switches", random.nextInt(6), random.nextBoolean() ? "y" : "z");
                    default -> world.call("Prober", "p", methods[random.nextInt(methods.length)], x);
                }
            }
            world.assertSameState();
        }
    }
}
