package io.entityflow.ir.differential;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.SplitRuntime;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs generated programs ({@link EntityProgramGenerator}) against plain Java under the invariant: a program
 * given an unsplittable construct is rejected by check with exactly that construct's codes; any other passes
 * check, and its split code — run in memory here, through the runtime's serialised envelopes and state in
 * flink-backend — gives the results, exceptions and final state of plain Java. Counts what ran and what
 * was rejected, by code.
 */
public final class GeneratedRuns {
    /** How often every generated method is called per program. */
    static final int ROUNDS = 3;
    private static final Map<String, Integer> REPORT = new ConcurrentSkipListMap<>();

    private GeneratedRuns() {
    }

    /** What ran and what was rejected, by test and code, so far in this JVM. */
    public static Map<String, Integer> report() {
        return Map.copyOf(REPORT);
    }

    /** True when the program is (rightly) rejected: nothing to run. */
    static boolean rejected(EntityProgramGenerator.Program program, Analysis analysis, String test) {
        Set<String> codes = analysis.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!program.rejectedWith().isEmpty()) {
            if (!codes.equals(program.rejectedWith())) {
                throw new AssertionError("seed " + program.seed() + ": check must reject the program with exactly "
                        + program.rejectedWith() + ", but reported " + analysis.diagnostics() + "\n\n" + program.text());
            }
            codes.forEach(code -> REPORT.merge(test + " rejected " + code, 1, Integer::sum));
            return true;
        }
        REPORT.merge(test + " ran", 1, Integer::sum);
        return false;
    }

    /**
     * The program of {@code seed}, generated and run by {@code runtime} (null: in memory), in a package of its
     * own: runtimes that find classes by name in the JVM must not mix up programs.
     */
    public static void runDifferential(long seed, String test, Function<ClassLoader, SplitRuntime> runtime) {
        runDifferential(seed, EntityProgramGenerator.generate(seed, "gen.p" + seed), test, runtime);
    }

    static void runDifferential(long seed, EntityProgramGenerator.Program program, String test,
                                Function<ClassLoader, SplitRuntime> runtime) {
        try {
            Random random = new Random(seed * 31 + 7);
            if (rejected(program, EntityAnalyzer.analyze(program.files()), test)) {
                return;
            }
            DifferentialWorld world = runtime == null ? DifferentialWorld.of(program.files())
                    : DifferentialWorld.of(program.files(), runtime);
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
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (rerun: GeneratedRuns.runDifferential(" + seed + "L, ...)): "
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
