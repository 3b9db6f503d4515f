package io.entityflow.ir.analysis;

import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.diag.SourceRange;
import io.entityflow.ir.source.SourceFile;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small assertion language for diagnostics: {@code assertDiagnostics(sources, d(6, 13, 6, 23, "EF112"))}
 * checks that exactly these codes are reported at exactly these ranges (1-based, end column inclusive).
 */
final class DiagnosticAssert {
    record Expected(int startLine, int startColumn, int endLine, int endColumn, String code) {
        @Override
        public String toString() {
            return code + "@" + startLine + ":" + startColumn + "-" + endLine + ":" + endColumn;
        }
    }

    private DiagnosticAssert() {
    }

    static Expected d(int startLine, int startColumn, int endLine, int endColumn, String code) {
        return new Expected(startLine, startColumn, endLine, endColumn, code);
    }

    /** The file under test is the first source; the others only provide entities it refers to. */
    static List<Diagnostic> assertDiagnostics(List<SourceFile> sources, Expected... expected) {
        Analysis analysis = EntityAnalyzer.analyze(sources);
        String file = sources.get(0).name();
        List<Diagnostic> reported = analysis.diagnostics().stream().filter(d -> d.file().equals(file)).toList();
        List<String> actual = new ArrayList<>();
        for (Diagnostic diagnostic : reported) {
            SourceRange r = diagnostic.range();
            actual.add(new Expected(r.startLine(), r.startColumn(), r.endLine(), r.endColumn(), diagnostic.code()).toString());
        }
        assertThat(actual).as("diagnostics of %s:%n%s", file,
                        reported.stream().map(Diagnostic::toLine).collect(Collectors.joining("\n")))
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(expected).map(Expected::toString).toList());
        return reported;
    }

    static SourceFile source(String name, String... lines) {
        return new SourceFile(name, String.join("\n", lines) + "\n");
    }

    /** A clean callee entity the tests call remotely. */
    static SourceFile wallet() {
        return source("Wallet.java",
                "package t;",
                "import io.entityflow.api.*;",
                "@Entity public class Wallet {",
                "    @Key private String id;",
                "    int amount;",
                "    public Wallet(String id) { this.id = id; }",
                "    public int getAmount() { return amount; }",
                "    public void add(int x) { amount += x; }",
                "}");
    }
}
