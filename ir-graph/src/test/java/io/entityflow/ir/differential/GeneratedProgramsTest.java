package io.entityflow.ir.differential;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.codegen.EntityRewriter;
import io.entityflow.ir.codegen.GeneratedSource;
import io.entityflow.ir.codegen.InMemoryCompiler;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.testing.DifferentialWorld;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Randomly generated entity programs ({@link EntityProgramGenerator}) pass the checks, split into code that
 * compiles, and run exactly like plain Java. A failure names the seed and prints the program:
 * {@code EntityProgramGenerator.generate(seed)} reproduces it.
 */
class GeneratedProgramsTest {
    /** Seeds of the check-split-compile test (disjoint from the differential seeds, which check the same). */
    static final long CHECK_FIRST_SEED = 10_001;
    static final int CHECK_SEEDS = 300;
    static final long DIFFERENTIAL_FIRST_SEED = 1;
    static final int DIFFERENTIAL_SEEDS = 150;
    /** How often every generated method is called per program. */
    static final int ROUNDS = 3;

    @Test
    void generatedProgramsPassCheckSplitAndCompile() {
        for (long seed = CHECK_FIRST_SEED; seed < CHECK_FIRST_SEED + CHECK_SEEDS; seed++) {
            EntityProgramGenerator.Program program = EntityProgramGenerator.generate(seed);
            Analysis analysis = EntityAnalyzer.analyze(program.files());
            List<Diagnostic> errors = analysis.diagnostics().stream().filter(Diagnostic::isError).toList();
            if (!errors.isEmpty()) {
                throw new AssertionError("seed " + seed + ": the generated program must pass check, but:\n"
                        + errors.stream().map(Diagnostic::toLine).collect(Collectors.joining("\n")) + "\n\n" + program.text());
            }
            List<GeneratedSource> generated;
            try {
                generated = EntityRewriter.generate(analysis);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": code generation failed: " + e + "\n\n" + program.text(), e);
            }
            try {
                InMemoryCompiler.compile(generated);
            } catch (InMemoryCompiler.CompilationFailed e) {
                throw new AssertionError("seed " + seed + ": generated code does not compile:\n" + e.getMessage() + "\n\n"
                        + program.text() + "\n\n// ---- generated\n"
                        + generated.stream().map(GeneratedSource::source).collect(Collectors.joining("\n\n")), e);
            }
        }
    }

    @Test
    void generatedProgramsBehaveLikePlainJava() {
        for (long seed = DIFFERENTIAL_FIRST_SEED; seed < DIFFERENTIAL_FIRST_SEED + DIFFERENTIAL_SEEDS; seed++) {
            runDifferential(seed);
        }
    }

    /** Runs one generated program both ways; public so that a failing seed can be rerun alone. */
    static void runDifferential(long seed) {
        EntityProgramGenerator.Program program = EntityProgramGenerator.generate(seed);
        try {
            Random random = new Random(seed * 31 + 7);
            DifferentialWorld world = DifferentialWorld.of(program.files());
            world.create("Counter", "c1");
            world.create("Counter", "c2");
            world.create("Driver", "d1", world.ref("Counter", "c1"), world.ref("Counter", "c2"));
            world.create("Driver", "d2", world.ref("Counter", "c2"), world.ref("Counter", "c1"));
            for (int round = 0; round < ROUNDS; round++) {
                for (String method : program.methods()) {
                    String driver = random.nextInt(3) == 0 ? "d2" : "d1";
                    world.call("Driver", driver, method, argument(random), argument(random));
                }
                world.call("Counter", random.nextBoolean() ? "c1" : "c2", "add", (long) (random.nextInt(11) - 5));
            }
            world.assertSameState();
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + " (rerun: GeneratedProgramsTest.runDifferential(" + seed + "L)): "
                    + e.getMessage() + "\n\n" + program.text(), e);
        }
    }

    /** Small longs; negative ones and small limits make failIfAbove throw, large ones let it pass. */
    private static long argument(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(4) - 3;
            case 1 -> 20 + random.nextInt(30);
            default -> random.nextInt(12);
        };
    }
}
