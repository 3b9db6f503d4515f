package io.entityflow.ir.testing;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.codegen.EntityRewriter;
import io.entityflow.ir.codegen.GeneratedSource;
import io.entityflow.ir.codegen.InMemoryCompiler;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.source.SourceFile;
import io.entityflow.ir.source.SourceTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One entity program run two ways side by side: as plain Java objects, and as the generated split code
 * in an in-memory message loop. Every create and call runs in both and must give the same outcome;
 * {@link #assertSameState()} compares every entity's fields.
 */
public final class DifferentialWorld {
    private final PlainWorld plain;
    private final SplitRuntime split;
    private final String packagePrefix;
    private int operations;

    private DifferentialWorld(List<SourceFile> files, java.util.function.Function<ClassLoader, SplitRuntime> runtime) {
        Analysis analysis = EntityAnalyzer.analyze(files);
        List<Diagnostic> errors = analysis.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertThat(errors).as("the program must pass check").isEmpty();
        List<GeneratedSource> originals = analysis.parsed().units().stream()
                .map(u -> new GeneratedSource(u.getPrimaryType().or(() -> u.getTypes().stream().findFirst())
                        .flatMap(t -> t.getFullyQualifiedName()).orElseThrow(), u.toString()))
                .toList();
        this.plain = new PlainWorld(InMemoryCompiler.compile(originals));
        List<GeneratedSource> generated = EntityRewriter.generate(analysis);
        try {
            this.split = runtime.apply(InMemoryCompiler.compile(generated));
        } catch (InMemoryCompiler.CompilationFailed e) {
            throw new AssertionError("generated code does not compile:\n" + e.getMessage() + "\n\n"
                    + generated.stream().map(GeneratedSource::source).collect(Collectors.joining("\n\n")), e);
        }
        this.packagePrefix = analysis.model().entities().stream().findFirst()
                .map(e -> e.qualifiedName().contains(".") ? e.qualifiedName().substring(0, e.qualifiedName().lastIndexOf('.') + 1) : "")
                .orElse("");
    }

    public static DifferentialWorld of(List<SourceFile> files) {
        return new DifferentialWorld(files, SplitWorld::new);
    }

    /** The program of {@code files}, its split code run by {@code runtime} (given the compiled program's loader). */
    public static DifferentialWorld of(List<SourceFile> files, java.util.function.Function<ClassLoader, SplitRuntime> runtime) {
        return new DifferentialWorld(files, runtime);
    }

    public static DifferentialWorld of(Path folder) {
        return of(folder, SplitWorld::new);
    }

    /** The program in {@code folder}, its split code run by {@code runtime} (given the compiled program's loader). */
    public static DifferentialWorld of(Path folder, java.util.function.Function<ClassLoader, SplitRuntime> runtime) {
        try {
            return new DifferentialWorld(SourceTree.load(List.of(folder), folder), runtime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reference to an entity; {@code type} is simple (in the program's package) or qualified. */
    public EntityRef ref(String type, Object key) {
        return new EntityRef(qualify(type), key);
    }

    private String qualify(String type) {
        return type.contains(".") ? type : packagePrefix + type;
    }

    public Outcome create(String type, Object... args) {
        Outcome expected = plain.create(qualify(type), args);
        Outcome actual = split.create(qualify(type), args);
        compare("new " + type, expected, actual);
        return actual;
    }

    public Outcome call(String type, Object key, String method, Object... args) {
        EntityRef target = ref(type, key);
        Outcome expected = plain.call(target, method, args);
        Outcome actual = split.call(target, method, args);
        compare(target + "." + method + java.util.Arrays.toString(args), expected, actual);
        return actual;
    }

    private void compare(String what, Outcome expected, Outcome actual) {
        operations++;
        assertThat(actual.exceptionType()).as("exception type of operation %d: %s (plain Java %s, split %s)",
                operations, what, expected, actual).isEqualTo(expected.exceptionType());
        assertThat(actual.exceptionMessage()).as("exception message of %s", what).isEqualTo(expected.exceptionMessage());
        assertThat(Values.comparable(actual.value())).as("result of operation %d: %s", operations, what)
                .isEqualTo(Values.comparable(expected.value()));
    }

    public void assertSameState() {
        Map<EntityRef, Map<String, Object>> actual = new java.util.LinkedHashMap<>();
        split.rawState().forEach((ref, fields) -> {
            Map<String, Object> comparable = new java.util.LinkedHashMap<>();
            fields.forEach((name, value) -> comparable.put(name, Values.comparable(value)));
            actual.put(ref, comparable);
        });
        assertThat(actual).as("state of every entity after %d operations", operations).isEqualTo(plain.state());
    }

    public int operations() {
        return operations;
    }

}
