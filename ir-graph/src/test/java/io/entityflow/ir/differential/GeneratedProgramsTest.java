package io.entityflow.ir.differential;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.codegen.EntityRewriter;
import io.entityflow.ir.codegen.GeneratedSource;
import io.entityflow.ir.codegen.InMemoryCompiler;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.testing.DifferentialWorld;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Randomly generated entity programs ({@link EntityProgramGenerator}) pass the checks, split into code that
 * compiles, and run exactly like plain Java. A failure names the seed and prints the program:
 * {@code EntityProgramGenerator.generate(seed)} reproduces it, {@code runDifferential(seed)} reruns it.
 *
 * <p>Every program has a Counter pair and 3 to 6 generated Driver methods (plus helpers), so that each javac run
 * covers many methods; the whole class takes 45 to 55 s on two cores.
 */
class GeneratedProgramsTest {
    /**
     * The differential test runs these seeds; {@link DifferentialWorld} also asserts that each passes check and that
     * its split code compiles.
     */
    static final long DIFFERENTIAL_FIRST_SEED = 1;
    static final int DIFFERENTIAL_SEEDS = 250;
    /**
     * The check-split-compile test runs these further seeds: with the differential seeds, 500 programs either are
     * rejected by check with exactly the codes of the unsplittable construct they were given, or pass check and
     * compile when split (the two tests share the work).
     */
    static final long CHECK_FIRST_SEED = DIFFERENTIAL_FIRST_SEED + DIFFERENTIAL_SEEDS;
    static final int CHECK_SEEDS = 250;
    /** Programs whose split code is compiled in one javac run (javac's start-up cost dominates small programs). */
    static final int COMPILE_BATCH = 20;

    @Test
    void generatedProgramsPassCheckSplitAndCompile() throws InterruptedException {
        // javac runs on a second thread while the next batch is analysed and split (javac and JavaParser share nothing)
        ExecutorService compiler = Executors.newSingleThreadExecutor();
        List<Future<?>> compilations = new ArrayList<>();
        try {
            List<Checked> batch = new ArrayList<>();
            for (long seed = CHECK_FIRST_SEED; seed < CHECK_FIRST_SEED + CHECK_SEEDS; seed++) {
                batch.add(checkAndSplit(seed));
                if (batch.size() == COMPILE_BATCH || seed == CHECK_FIRST_SEED + CHECK_SEEDS - 1) {
                    List<Checked> toCompile = List.copyOf(batch);
                    compilations.add(compiler.submit(() -> compile(toCompile)));
                    batch.clear();
                    awaitAll(compilations.stream().filter(Future::isDone).toList()); // fail early
                }
            }
            awaitAll(compilations);
        } finally {
            compiler.shutdownNow();
        }
    }

    private record Checked(EntityProgramGenerator.Program program, List<GeneratedSource> generated) {
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("generated programs: " + GeneratedRuns.report());
    }

    /** Generates the program of {@code seed}, asserts that it passes check and generates its split code. */
    private static Checked checkAndSplit(long seed) {
        // one package per program, so that a batch of programs compiles in one javac run
        EntityProgramGenerator.Program program = EntityProgramGenerator.generate(seed, "gen.s" + seed);
        Analysis analysis = EntityAnalyzer.analyze(program.files());
        if (GeneratedRuns.rejected(program, analysis, "check")) {
            return new Checked(program, List.of());
        }
        List<Diagnostic> errors = analysis.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("seed " + seed + ": the generated program must pass check, but:\n"
                    + errors.stream().map(Diagnostic::toLine).collect(Collectors.joining("\n")) + "\n\n" + program.text());
        }
        try {
            return new Checked(program, EntityRewriter.generate(analysis));
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": code generation failed: " + e + "\n\n" + program.text(), e);
        }
    }

    /** Waits for compilations; rethrows the first failure as the test's failure. */
    private static void awaitAll(List<Future<?>> compilations) throws InterruptedException {
        for (Future<?> compilation : compilations) {
            try {
                compilation.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new AssertionError(e.getCause());
            }
        }
    }

    /** Compiles the split code of several programs together; on failure finds the program that fails alone. */
    private static void compile(List<Checked> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            InMemoryCompiler.compile(batch.stream().flatMap(c -> c.generated().stream()).toList());
        } catch (InMemoryCompiler.CompilationFailed batchFailure) {
            for (Checked checked : batch) {
                try {
                    InMemoryCompiler.compile(checked.generated());
                } catch (InMemoryCompiler.CompilationFailed e) {
                    throw new AssertionError("seed " + checked.program().seed() + ": generated code does not compile:\n"
                            + e.getMessage() + "\n\n" + checked.program().text() + "\n\n// ---- generated\n"
                            + checked.generated().stream().map(GeneratedSource::source).collect(Collectors.joining("\n\n")), e);
                }
            }
            throw new AssertionError("a batch of generated programs does not compile, though each compiles alone:\n"
                    + batchFailure.getMessage(), batchFailure);
        }
    }

    @Test
    void generatedProgramsBehaveLikePlainJava() {
        for (long seed = DIFFERENTIAL_FIRST_SEED; seed < DIFFERENTIAL_FIRST_SEED + DIFFERENTIAL_SEEDS; seed++) {
            runDifferential(seed);
        }
    }

    /** Runs the program of {@code seed} both ways: call this from a scratch test to rerun one failing seed. */
    static void runDifferential(long seed) {
        GeneratedRuns.runDifferential(seed, EntityProgramGenerator.generate(seed), "differential", null);
    }
}
