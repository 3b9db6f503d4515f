package io.entityflow.lsp.server;

import io.entityflow.ir.diag.Code;
import io.entityflow.lsp.testing.LspSession;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.entityflow.lsp.testing.DiagnosticAssert.assertDiagnostics;
import static io.entityflow.lsp.testing.DiagnosticAssert.check;
import static io.entityflow.lsp.testing.DiagnosticAssert.d;
import static io.entityflow.lsp.testing.DiagnosticAssert.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every EF code through a real connection, at exact LSP ranges, and always what {@code entityflow check} says for
 * the same text. Wallet is an unsaved document of its own: the entity it declares resolves in the others.
 */
class DiagnosticsTest {
    private static final String HEADER = "package t; import io.entityflow.api.*; import java.util.*;";
    private static final String WALLET = lines("package t;", "import io.entityflow.api.*;",
            "@Entity public class Wallet {",
            "    @Key private String id;",
            "    int amount;",
            "    public Wallet(String id) { this.id = id; }",
            "    public int getAmount() { return amount; }",
            "    public void add(int x) { amount += x; }",
            "}");
    private static final Set<String> CODES_SEEN = new HashSet<>();
    private static LspSession session;
    private static final Map<String, String> OPEN = new LinkedHashMap<>();
    private static int files;

    @BeforeAll
    static void start() throws Exception {
        session = LspSession.start();
        session.openQuietly(LspSession.uri("t/Wallet.java"), WALLET);
        OPEN.put(LspSession.uri("t/Wallet.java"), WALLET);
    }

    @AfterAll
    static void allCodesAndTheSameAsCheck() throws Exception {
        try {
            assertThat(CODES_SEEN).as("every EF code has a test").containsExactlyInAnyOrderElementsOf(
                    java.util.Arrays.stream(Code.values()).map(Enum::name).toList());
            Map<String, List<Diagnostic>> expected = check(OPEN);
            for (String uri : OPEN.keySet()) {
                assertThat(session.latestDiagnostics(uri)).as(uri).isEqualTo(expected.get(uri));
            }
        } finally {
            session.close();
        }
    }

    /** Opens the lines as a new document of package t and returns what the server published for it. */
    private static List<Diagnostic> open(String... lines) {
        String uri = LspSession.uri("t" + files + "/A.java");
        files++;
        // each document its own package (only the first line changes), so they all declare `A`
        String text = lines(lines).replaceFirst("package t;", "package t" + (files - 1) + "; import t.*;");
        OPEN.put(uri, text);
        List<Diagnostic> published = session.open(uri, text);
        published.forEach(p -> CODES_SEEN.add(p.getCode().getLeft()));
        assertThat(published).isEqualTo(check(OPEN).get(uri));
        return published;
    }

    @Test
    void ef100SyntaxError() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    public void f() { int x = ; }", "}"),
                d(2, 28, 2, 29, "EF100"));
    }

    @Test
    void ef101RemoteCallInLambda() {
        List<Diagnostic> found = open(HEADER, "@Entity public class A {", "    @Key private String id; private Wallet w;",
                "    public A(String id) { this.id = id; }", "    public void f() { Runnable r = () -> w.add(1); }", "}");
        assertDiagnostics(found, d(4, 41, 4, 49, "EF101"));
        assertThat(found.get(0).getRelatedInformation()).singleElement()
                .satisfies(r -> assertThat(r.getLocation().getRange().getStart()).isEqualTo(new Position(4, 35)));
    }

    @Test
    void ef102RemoteCallInConstructorAndStaticMethod() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id;",
                        "    public A(String id, Wallet w) { this.id = id; w.add(1); }",
                        "    public static void s(Wallet w) { w.add(2); }", "}"),
                d(3, 50, 3, 58, "EF102"), d(4, 37, 4, 45, "EF102"));
    }

    @Test
    void ef103SynchronizedAroundRemoteCall() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id; private Wallet w;",
                "    public A(String id) { this.id = id; }", "    public void f() { synchronized (this) { w.add(1); } }", "}"),
                d(4, 44, 4, 52, "EF103"));
    }

    @Test
    void ef104ForeignFieldPointsAtTheFieldInTheOtherUnsavedDocument() {
        List<Diagnostic> found = open(HEADER, "@Entity public class A {", "    @Key private String id; private Wallet w;",
                "    public A(String id) { this.id = id; }", "    public int f() { return w.amount; }", "}");
        assertDiagnostics(found, d(4, 28, 4, 36, "EF104"));
        assertThat(found.get(0).getSeverity()).isEqualTo(DiagnosticSeverity.Error);
        assertThat(found.get(0).getSource()).isEqualTo("entityflow");
        assertThat(found.get(0).getMessage().getLeft()).contains("w.getAmount()");
        assertThat(found.get(0).getRelatedInformation()).singleElement().satisfies(r -> {
            assertThat(r.getLocation().getUri()).isEqualTo(LspSession.uri("t/Wallet.java"));
            assertThat(r.getLocation().getRange()).isEqualTo(new Range(new Position(4, 8), new Position(4, 14)));
        });
    }

    @Test
    void ef105StaticMutableField() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id; static int n = 0; static final int LIMIT = 3;",
                "    public A(String id) { this.id = id; }", "}"), d(2, 39, 2, 44, "EF105"));
    }

    @Test
    void ef106UnserialisableTypes() {
        assertDiagnostics(open(HEADER, "@Entity public class A {",
                        "    @Key private String id; private Object o; private List<Thread> workers;",
                        "    public A(String id) { this.id = id; }", "    public Iterator<String> it() { return null; }", "}"),
                d(2, 36, 2, 42, "EF106"), d(2, 54, 2, 66, "EF106"), d(4, 11, 4, 27, "EF106"));
    }

    @Test
    void ef107KeyProblems() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id; @Key private String other;",
                        "    public A(String id) { this.id = id; }", "    public A() { }", "    public void rename(String n) { id = n; }", "}"),
                d(2, 28, 2, 32, "EF107"), d(4, 11, 4, 12, "EF107"), d(5, 35, 5, 41, "EF107"));
    }

    @Test
    void ef108OverloadedPublicMethod() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id;",
                "    public A(String id) { this.id = id; }", "    public void put(int x) { }", "    public void put(String x) { }", "}"),
                d(5, 16, 5, 19, "EF108"));
    }

    @Test
    void ef109ReadOnlyWrites() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id; private int n; private Wallet w;",
                        "    public A(String id) { this.id = id; }", "    @ReadOnly public int a() { n = 2; return n; }",
                        "    @ReadOnly public void c() { w.add(1); }", "}"),
                d(4, 31, 4, 36, "EF109"), d(5, 32, 5, 40, "EF109"));
    }

    @Test
    void ef110AndEf112UnresolvedTypes() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id; private Gadget g;",
                        "    public A(String id) { this.id = id; }", "    public void f() { g.spin(); }", "}"),
                d(2, 36, 2, 42, "EF112"), d(4, 22, 4, 30, "EF110"));
    }

    @Test
    void ef111TryWithResourcesAroundARemoteCall() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id; private Wallet w;",
                        "    public A(String id) { this.id = id; }",
                        "    public void f() { try (Scanner s = new Scanner(\"1\")) { w.add(s.nextInt()); } }", "}"),
                d(4, 22, 4, 80, "EF111"));
    }

    @Test
    void ef114ReferenceAsObjectAndEf101InAnInferredLambda() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id; private Wallet w;",
                        "    public A(String id) { this.id = id; }",
                        "    public String f() { return \"w\" + w; }",
                        "    public void g(List<Wallet> ws) { ws.forEach(x -> x.add(1)); }", "}"),
                d(4, 37, 4, 38, "EF114"), d(5, 53, 5, 61, "EF101"));
    }

    @Test
    void ef204ChangingWhatAnotherEntityGotOrGave() {
        assertDiagnostics(open(HEADER, "@Entity public class A {", "    @Key private String id; private Wallet w;",
                        "    public A(String id) { this.id = id; }",
                        "    public void f(List<Wallet> ws, List<Integer> xs) { w.add(1); xs.add(2); }", "}"),
                d(4, 65, 4, 74, "EF204"));
    }

    @Test
    void ef113NestedEntity() {
        assertDiagnostics(open(HEADER, "public class A {",
                        "    @Entity static class Inner { @Key private String id; public Inner(String id) { this.id = id; } }", "}"),
                d(2, 25, 2, 30, "EF113"));
    }

    @Test
    void warningsEf201Ef202Ef203() {
        List<Diagnostic> found = open(HEADER, "@Entity public class A {", "    @Key private String id; private Wallet w; private double luck;",
                "    public A(String id) { this.id = id; }", "    public void f() throws Exception { Thread.sleep(5); }",
                "    public void g() { for (int i = 0; i < 3; i++) { w.add(i); } }",
                "    @Transactional public void h() { luck = Math.random(); }", "}");
        assertDiagnostics(found, d(4, 39, 4, 54, "EF201"), d(5, 52, 5, 60, "EF202"), d(6, 44, 6, 57, "EF203"));
        assertThat(found).allSatisfy(x -> assertThat(x.getSeverity()).isEqualTo(DiagnosticSeverity.Warning));
    }

    @Test
    void columnsCountUtf16CodeUnitsAndTabs() {
        // an emoji is two UTF-16 code units; a tab is one column, for JavaParser and for LSP alike
        assertDiagnostics(open(HEADER, "@Entity public class A {", "\t@Key private String id; private String s = \"\uD83D\uDE00\"; static int n = 0;",
                "    public A(String id) { this.id = id; }", "}"), d(2, 61, 2, 66, "EF105"));
    }
}
