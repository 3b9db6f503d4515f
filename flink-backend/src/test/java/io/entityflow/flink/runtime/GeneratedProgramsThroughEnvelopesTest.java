package io.entityflow.flink.runtime;

import io.entityflow.ir.differential.GeneratedRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated programs (aliases, the program's own exceptions, `this` passed, varargs, every splitting
 * construct) through the runtime's own path against plain Java: every envelope serialised, and every
 * entity — fields and suspended frames — serialised and read back between any two events, which is a
 * restore from a checkpoint between each call and its return.
 */
class GeneratedProgramsThroughEnvelopesTest {
    /** Other seeds than ir-graph's in-memory run (1 to 500), so these programs are new ones too. */
    private static final long FIRST_SEED = 10_001;
    private static final int SEEDS = 100;

    @AfterAll
    static void report() {
        System.out.println("generated programs through envelopes: " + GeneratedRuns.report());
    }

    @Test
    void generatedProgramsBehaveLikePlainJavaThroughSerialisedEnvelopesAndState() {
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            GeneratedRuns.runDifferential(seed, "envelopes", EnvelopeWorld::new);
        }
    }
}
