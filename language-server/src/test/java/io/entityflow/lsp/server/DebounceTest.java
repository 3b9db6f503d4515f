package io.entityflow.lsp.server;

import io.entityflow.lsp.testing.LspSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.entityflow.lsp.testing.DiagnosticAssert.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests validate what is waiting for its debounce only when the answer depends on it: one per cursor move
 * would analyse every keystroke. The debounce here is long enough never to run out during the test.
 */
class DebounceTest {
    private static final String W = lines("package d; import io.entityflow.api.*;",
            "@Entity public class W {",
            "    @Key private String id; int amount;",
            "    public W(String id) { this.id = id; }",
            "    public void add(int x) { amount += x; }",
            "}");
    private static final String A = lines("package d; import io.entityflow.api.*;",
            "@Entity public class A {",
            "    @Key private String id; private W w;",
            "    public A(String id) { this.id = id; }",
            "    public void f() { w.add(1); }",
            "}");
    private static final String LONER = lines("package e; import io.entityflow.api.*;",
            "@Entity public class Loner {",
            "    @Key private String id; static int n = 0;",
            "    public Loner(String id) { this.id = id; }",
            "}");
    private final String w = LspSession.uri("d/W.java");
    private final String a = LspSession.uri("d/A.java");
    private final String loner = LspSession.uri("e/Loner.java");

    @Test
    void requestsValidateOnlyWhatTheirDocumentNeeds() throws Exception {
        try (LspSession session = LspSession.start(600_000)) {
            session.openQuietly(w, W);
            session.openQuietly(a, A);
            // a code action answers for the diagnostics the editor has: no validation first
            assertThat(session.codeActions(a, List.of())).isEmpty();
            assertThat(session.client().diagnosticsCount()).isZero();

            // a hover on a waiting document validates everything waiting
            assertThat(session.hover(a, 4, 24)).isNotNull();
            assertThat(published(session)).containsExactlyInAnyOrder(w, a);

            // a document waiting does not hold up requests about documents that do not mention its types
            session.openQuietly(loner, LONER);
            session.hover(a, 4, 24);
            session.codeLens(a);
            session.semanticTokens(a);
            assertThat(published(session)).containsExactlyInAnyOrder(w, a);
            session.codeLens(loner);
            assertThat(published(session)).containsExactlyInAnyOrder(w, a, loner);

            // ... but a change of a type the document mentions does
            session.change(w, new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(2, 32),
                    new org.eclipse.lsp4j.Position(2, 38)), "total");
            session.semanticTokens(a);
            assertThat(published(session)).containsExactlyInAnyOrder(w, a, loner, w);
        }
    }

    private static List<String> published(LspSession session) {
        return session.client().diagnostics().stream().map(p -> p.getUri()).toList();
    }
}
