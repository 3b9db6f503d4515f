package io.entityflow.lsp.server;

import io.entityflow.lsp.testing.LspSession;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.entityflow.lsp.testing.DiagnosticAssert.assertDiagnostics;
import static io.entityflow.lsp.testing.DiagnosticAssert.check;
import static io.entityflow.lsp.testing.DiagnosticAssert.d;
import static io.entityflow.lsp.testing.DiagnosticAssert.lines;
import static org.assertj.core.api.Assertions.assertThat;

/** Incremental didChange, several changes in one notification, and re-analysis of the files that depend on an edit. */
class DocumentSyncTest {
    private static final String A = lines("package s; import io.entityflow.api.*;",
            "@Entity public class A {",
            "    @Key private String id; private W w;",
            "    public A(String id) { this.id = id; }",
            "    public int f() { return w.amount; }",
            "}");
    private static final String W = lines("package s; import io.entityflow.api.*;",
            "@Entity public class W {",
            "    @Key private String id; int amount;",
            "    public W(String id) { this.id = id; }",
            "}");

    @Test
    void incrementalEditsInsertReplaceAndDelete() throws Exception {
        try (LspSession session = LspSession.start()) {
            openBoth(session);

            int from = session.client().diagnosticsCount();
            int v2 = session.change(a, range(3, 41, 3, 41), " static int n = 0;");
            assertDiagnostics(session.awaitDiagnostics(from, a, v2), d(3, 53, 3, 58, "EF105"), d(4, 28, 4, 36, "EF104"));

            // two changes in one notification: the second's range is in the text the first left
            from = session.client().diagnosticsCount();
            int v3 = session.change(a, List.of(
                    new TextDocumentContentChangeEvent(range(4, 30, 4, 36), "hashCode()"),
                    new TextDocumentContentChangeEvent(range(3, 41, 3, 59), "")));
            List<Diagnostic> after = session.awaitDiagnostics(from, a, v3);
            assertThat(after).isEmpty();
            String expected = A.replace("return w.amount;", "return w.hashCode();");
            assertThat(after).isEqualTo(check(Map.of(a, expected, w, W)).get(a));
            assertThat(session.semanticTokens(a).getData()).isEmpty();
        }
    }

    @Test
    void editingADeclarationRepublishesItsDependents() throws Exception {
        try (LspSession session = LspSession.start()) {
            openBoth(session);
            int from = session.client().diagnosticsCount();
            session.change(w, range(2, 32, 2, 38), "total");
            List<Diagnostic> republished = session.awaitDiagnostics(from, a, 1);
            assertThat(republished).isEqualTo(check(Map.of(a, A, w, W.replace("amount", "total"))).get(a));
            assertThat(republished).noneMatch(x -> x.getCode().getLeft().equals("EF104"));
        }
    }

    @Test
    void anUnopenedChangeIsIgnoredAndAChangeAfterCloseToo() throws Exception {
        try (LspSession session = LspSession.start()) {
            session.change(a, range(0, 0, 0, 0), "garbage");
            assertDiagnostics(session.open(a, A), d(2, 36, 2, 37, "EF112"));
            int from = session.client().diagnosticsCount();
            session.close(a);
            // a document closed and not on disk leaves the program: its diagnostics are cleared
            assertThat(session.client().awaitDiagnostics(from, p -> p.getUri().equals(a)).getDiagnostics()).isEmpty();
        }
    }

    @Test
    void documentsOfOtherSchemesAreNotPartOfTheProgram() throws Exception {
        try (LspSession session = LspSession.start()) {
            // a diff view opens the committed version of W beside the file: as a program file it would declare W twice
            String committed = "git:" + w.substring("file:".length()) + "?%7B%22ref%22:%22HEAD%22%7D";
            session.openQuietly(committed, W.replace("int amount;", "int amount; static int n = 0;"));
            openBoth(session);
            assertThat(session.latestDiagnostics(a)).isEqualTo(check(Map.of(a, A, w, W)).get(a));
            assertThat(session.client().diagnostics()).noneMatch(p -> p.getUri().startsWith("git:"));
            assertThat(session.hover(committed, 1, 22)).isNull();
        }
    }

    @Test
    void aDocumentClosedWhileItIsAnalysedGetsNoDiagnosticsOfItsBuffer() throws Exception {
        try (LspSession session = LspSession.start(0)) {
            session.openQuietly(a, slowToAnalyse());
            Thread.sleep(300); // the validation of the open buffer has read it and is analysing it
            int from = session.client().diagnosticsCount();
            session.close(a); // not on disk: gone from the program
            assertThat(session.client().awaitDiagnostics(from, p -> p.getUri().equals(a)).getDiagnostics()).isEmpty();
            assertThat(session.latestDiagnostics(a)).isEmpty();
            // published after the close: nothing of the closed buffer (an analysis that finished before the close,
            // on a fast or lightly loaded machine, rightly published its result earlier)
            List<PublishDiagnosticsParams> published = session.client().diagnostics();
            assertThat(published.subList(from, published.size())).filteredOn(p -> p.getUri().equals(a)).allSatisfy(p ->
                    assertThat(p.getDiagnostics()).as("what the closed buffer said").isEmpty());
        }
    }

    /** An entity with an error (EF105) whose analysis takes long: many methods, each with remote calls. */
    private static String slowToAnalyse() {
        StringBuilder text = new StringBuilder("package s; import io.entityflow.api.*;\n@Entity public class A {\n"
                + "    @Key private String id; private A other; static int n = 0;\n    public A(String id) { this.id = id; }\n");
        for (int i = 0; i < 400; i++) {
            text.append("    public int m").append(i).append("(int x) { int y = other.m").append(i)
                    .append("(x); if (y > 0) { y += other.m").append(i).append("(y); } return y + other.m").append(i).append("(1); }\n");
        }
        return text.append("}\n").toString();
    }

    private final String a = LspSession.uri("s/A.java");
    private final String w = LspSession.uri("s/W.java");

    private void openBoth(LspSession session) {
        session.openQuietly(w, W);
        assertDiagnostics(session.open(a, A), d(4, 28, 4, 36, "EF104"));
    }

    private static Range range(int line, int character, int endLine, int endCharacter) {
        return new Range(new Position(line, character), new Position(endLine, endCharacter));
    }
}
