package io.entityflow.ir.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.diag.SourceRange;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources of one program parsed at Java 17 level, with a symbol solver that sees the program's
 * own types (from the given texts) and the JDK plus the entity API (from the class path). Files that
 * do not parse contribute syntax diagnostics and are left out of the rest of the analysis.
 */
public final class ParsedProgram {
    private final List<CompilationUnit> units = new ArrayList<>();
    private final Map<CompilationUnit, String> fileNames = new IdentityHashMap<>();
    private final List<Diagnostic> syntaxErrors = new ArrayList<>();
    private final TypeSolver typeSolver;

    private ParsedProgram(List<SourceFile> files) {
        ProgramTypeSolver programTypes = new ProgramTypeSolver();
        this.typeSolver = new CombinedTypeSolver(new ReflectionTypeSolver(false), programTypes);
        ParserConfiguration configuration = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setSymbolResolver(new JavaSymbolSolver(typeSolver));
        JavaParser parser = new JavaParser(configuration);
        for (SourceFile file : files) {
            ParseResult<CompilationUnit> result;
            try {
                result = parser.parse(file.text());
            } catch (StackOverflowError e) {
                syntaxErrors.add(new Diagnostic(Code.EF100.name(), Code.EF100.severity(), file.name(), SourceRange.UNKNOWN,
                        "the file is nested too deeply to parse (thousands of nested parentheses or else-if branches);"
                                + " split the expression or method into smaller parts", List.of()));
                continue;
            }
            if (result.isSuccessful() && result.getResult().isPresent()) {
                CompilationUnit unit = result.getResult().get();
                units.add(unit);
                fileNames.put(unit, file.name());
                for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
                    type.getFullyQualifiedName().ifPresent(name -> programTypes.register(name, type));
                }
            } else {
                for (Problem problem : result.getProblems()) {
                    syntaxErrors.add(syntaxDiagnostic(file.name(), problem));
                }
            }
        }
    }

    public static ParsedProgram parse(List<SourceFile> files) {
        return new ParsedProgram(files);
    }

    private static Diagnostic syntaxDiagnostic(String file, Problem problem) {
        SourceRange range = problem.getLocation()
                .flatMap(tokens -> tokens.getBegin().getRange())
                .map(SourceRange::of)
                .orElse(SourceRange.UNKNOWN);
        return new Diagnostic(Code.EF100.name(), Code.EF100.severity(), file, range,
                "syntax error: " + summary(problem.getMessage()) + "; the file is skipped until it parses", List.of());
    }

    /**
     * JavaParser lists every token it would have accepted; keep the token it found and, when a semicolon
     * or brace would have done, say so, since that is what is missing nearly every time.
     */
    static String summary(String parserMessage) {
        String first = parserMessage.lines().findFirst().orElse("syntax error").strip().replaceFirst("^Parse error\\. ?", "");
        int expected = first.indexOf(", expected");
        if (expected < 0) {
            return first;
        }
        String found = first.substring(0, expected);
        String tokens = first.substring(expected);
        List<String> likely = new java.util.ArrayList<>();
        for (String token : List.of("\";\"", "\")\"", "\"}\"", "\"]\"")) {
            if (tokens.contains(token)) {
                likely.add(token.replace('"', '`'));
            }
        }
        return found + (likely.isEmpty() ? "" : " (is a " + String.join(" or ", likely) + " missing before it?)");
    }

    public List<CompilationUnit> units() {
        return units;
    }

    public String fileOf(CompilationUnit unit) {
        return fileNames.get(unit);
    }

    public List<Diagnostic> syntaxErrors() {
        return syntaxErrors;
    }

    public TypeSolver typeSolver() {
        return typeSolver;
    }
}
