package io.entityflow.ir.codegen;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.source.SourceFile;
import io.entityflow.ir.source.SourceTree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An entity program ready to run: its analysis (model, splits), the generated classes loaded in memory,
 * and the qualified names of the top-level types compiled (entities and the program's other classes).
 * Compiling the same sources again gives the same classes, so a restarted job can restore state written
 * by an earlier one.
 */
public record CompiledProgram(Analysis analysis, ClassLoader classes, List<String> compiledTypes) {

    /** Thrown when the program does not pass {@code entityflow check}; the message lists every error. */
    public static final class ProgramHasErrors extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Diagnostic> errors;

        ProgramHasErrors(List<Diagnostic> errors) {
            super("the entity program has errors:\n" + errors.stream().map(Diagnostic::toLine).collect(Collectors.joining("\n")));
            this.errors = errors;
        }

        public List<Diagnostic> errors() {
            return errors;
        }
    }

    public static CompiledProgram compile(List<SourceFile> files) {
        Analysis analysis = EntityAnalyzer.analyze(files);
        List<Diagnostic> errors = analysis.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new ProgramHasErrors(errors);
        }
        List<GeneratedSource> sources = EntityRewriter.generate(analysis);
        ClassLoader classes;
        try {
            classes = InMemoryCompiler.compile(sources);
        } catch (InMemoryCompiler.CompilationFailed failure) {
            throw GeneratedCodeFailed.explain(analysis, files, sources, failure);
        }
        return new CompiledProgram(analysis, classes, sources.stream().map(GeneratedSource::qualifiedName).toList());
    }

    public static CompiledProgram compile(Path folder) throws IOException {
        return compile(SourceTree.load(List.of(folder), folder));
    }

    /** Binary class name → class file of every class compiled for this program (for a job jar). */
    public java.util.Map<String, byte[]> classFiles() {
        if (!(classes instanceof InMemoryCompiler.ProgramClassLoader compiled)) {
            throw new IllegalStateException("this program's classes were not compiled by entityflow");
        }
        return compiled.classFiles();
    }

    /** Qualified names of the entity types, in declaration order. */
    public List<String> entityTypes() {
        return analysis.model().entities().stream().map(EntityModel::qualifiedName).toList();
    }

    /** The entity type a client names by its simple or qualified name. */
    public Optional<EntityModel> entity(String name) {
        return analysis.model().entities().stream()
                .filter(e -> e.qualifiedName().equals(name) || e.name().equals(name)).findFirst();
    }
}
