package io.entityflow.ir.codegen;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The program's split code does not compile. When the program as written does not compile either, that is
 * the user's error, reported against their files and lines as javac sees them (check does not type-check
 * plain Java). Otherwise it is an entityflow bug, and the message says so and names, for each javac error,
 * the user's file, line and method the failing generated code came from — never only a javac message
 * about generated names such as {@code EntityRef}.
 */
public final class GeneratedCodeFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private GeneratedCodeFailed(String message, Throwable cause) {
        super(message, cause);
    }

    static GeneratedCodeFailed explain(Analysis analysis, List<io.entityflow.ir.source.SourceFile> files,
                                       List<GeneratedSource> sources, InMemoryCompiler.CompilationFailed failure) {
        List<GeneratedSource> written = files.stream()
                .filter(f -> f.name().endsWith(".java"))
                .map(f -> new GeneratedSource(f.name().substring(0, f.name().length() - ".java".length()).replace('/', '.'), f.text()))
                .toList();
        try {
            InMemoryCompiler.compile(written);
        } catch (InMemoryCompiler.CompilationFailed userError) {
            return new GeneratedCodeFailed("the program does not compile (javac):\n" + userError.problems().stream()
                    .map(p -> "  " + p.unit().replace('.', '/') + ".java:" + p.line() + ": error: " + p.message().replace('\n', ' '))
                    .collect(Collectors.joining("\n")), userError);
        } catch (RuntimeException cannotTell) {
            // no verdict on the user's code: report the generated code's failure
        }
        return entityflowBug(analysis, sources, failure);
    }

    private static GeneratedCodeFailed entityflowBug(Analysis analysis, List<GeneratedSource> sources,
                                                     InMemoryCompiler.CompilationFailed failure) {
        Map<String, GeneratedSource> byUnit = sources.stream()
                .collect(Collectors.toMap(GeneratedSource::qualifiedName, Function.identity(), (a, b) -> a));
        JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        Map<String, Optional<CompilationUnit>> parsed = new HashMap<>(); // javac reports several errors per unit
        List<String> lines = new ArrayList<>();
        for (InMemoryCompiler.Problem problem : failure.problems()) {
            GeneratedSource source = byUnit.get(problem.unit());
            Optional<String> origin = source == null ? Optional.empty()
                    : parsed.computeIfAbsent(source.qualifiedName(), name -> parser.parse(source.source()).getResult())
                    .flatMap(unit -> origin(analysis, source, unit, problem.line()));
            lines.add("  " + origin.orElse(problem.unit()) + ": " + problem.message().replace('\n', ' '));
        }
        return new GeneratedCodeFailed("entityflow generated code that does not compile — this is an entityflow bug, not an"
                + " error in your program; please report it with the method(s) named here:\n" + String.join("\n", lines), failure);
    }

    /** "file:line: in `Type.method`" of the user's method the generated line belongs to. */
    private static Optional<String> origin(Analysis analysis, GeneratedSource source, CompilationUnit unit, long line) {
        Optional<EntityModel> entity = analysis.model().byQualifiedName(source.qualifiedName());
        for (MethodDeclaration generated : unit.findAll(MethodDeclaration.class)) {
            boolean contains = generated.getRange().filter(r -> r.begin.line <= line && line <= r.end.line).isPresent();
            if (!contains || entity.isEmpty()) {
                continue;
            }
            String name = StateMachineEmitter.userMethodName(generated.getNameAsString());
            Optional<MethodModel> method = entity.get().methods(name).stream().findFirst();
            if (method.isPresent()) {
                int declared = method.get().declaration().getRange().map(r -> r.begin.line).orElse(0);
                return Optional.of(entity.get().file() + ":" + declared + ": in `" + entity.get().name() + "." + name + "`");
            }
        }
        return entity.map(e -> e.file() + ": in entity `" + e.name() + "`");
    }
}
