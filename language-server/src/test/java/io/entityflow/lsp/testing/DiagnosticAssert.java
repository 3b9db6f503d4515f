package io.entityflow.lsp.testing;

import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.source.SourceFile;
import io.entityflow.lsp.features.DiagnosticConverter;
import org.eclipse.lsp4j.Diagnostic;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code assertDiagnostics(published, d(4, 41, 4, 49, "EF101"))}: exactly these codes at exactly these LSP ranges
 * (0-based lines and UTF-16 columns, end exclusive, as the editor receives them).
 */
public final class DiagnosticAssert {
    public record Expected(int line, int character, int endLine, int endCharacter, String code) {
        @Override
        public String toString() {
            return code + "@" + line + ":" + character + "-" + endLine + ":" + endCharacter;
        }
    }

    private DiagnosticAssert() {
    }

    public static Expected d(int line, int character, int endLine, int endCharacter, String code) {
        return new Expected(line, character, endLine, endCharacter, code);
    }

    public static void assertDiagnostics(List<Diagnostic> published, Expected... expected) {
        List<String> actual = published.stream().map(DiagnosticAssert::describe).toList();
        assertThat(actual).as("published: %s", published.stream().map(Diagnostic::getMessage).toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(expected).map(Expected::toString).toList());
    }

    private static String describe(Diagnostic diagnostic) {
        var range = diagnostic.getRange();
        return new Expected(range.getStart().getLine(), range.getStart().getCharacter(), range.getEnd().getLine(),
                range.getEnd().getCharacter(), diagnostic.getCode().getLeft()).toString();
    }

    /** What {@code entityflow check} reports for these files (URI → text), as the editor would receive it per file. */
    public static Map<String, List<Diagnostic>> check(Map<String, String> files) {
        TreeMap<String, String> sorted = new TreeMap<>(files);
        List<SourceFile> sources = sorted.entrySet().stream().map(e -> new SourceFile(e.getKey(), e.getValue())).toList();
        var all = EntityAnalyzer.analyze(sources).diagnostics();
        Map<String, List<Diagnostic>> byFile = new TreeMap<>();
        for (String uri : sorted.keySet()) {
            byFile.put(uri, DiagnosticConverter.toLsp(all.stream().filter(d -> d.file().equals(uri)).toList()));
        }
        return byFile;
    }

    public static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
