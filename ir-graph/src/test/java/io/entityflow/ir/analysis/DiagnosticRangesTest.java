package io.entityflow.ir.analysis;

import io.entityflow.ir.diag.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.entityflow.ir.analysis.DiagnosticAssert.assertDiagnostics;
import static io.entityflow.ir.analysis.DiagnosticAssert.d;
import static io.entityflow.ir.analysis.DiagnosticAssert.source;
import static io.entityflow.ir.analysis.DiagnosticAssert.wallet;
import static org.assertj.core.api.Assertions.assertThat;

/** Each rule alone: the exact range of the offending construct, and related locations where they help. */
class DiagnosticRangesTest {
    private static final String HEADER = "package t; import io.entityflow.api.*; import java.util.*;";

    @Test
    void ef101RemoteCallInLambdaPointsAtTheCallAndTheLambda() {
        List<Diagnostic> found = assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Wallet w;",
                        "    public A(String id) { this.id = id; }",
                        "    public void f() { Runnable r = () -> w.add(1); }",
                        "}"), wallet()),
                d(5, 42, 5, 49, "EF101"));
        assertThat(found.get(0).related()).singleElement()
                .satisfies(r -> assertThat(r.range().startColumn()).isEqualTo(36));
    }

    /** Every lambda form, whatever its parameters' typing, and nested and anonymous closures: EF101 at the call. */
    @Test
    void ef101ForEveryLambdaWhateverItsParameterTyping() {
        String[] lines = {
                "@Entity public class A {",
                "    @Key private String id; private List<Wallet> ws = new ArrayList<>(); private Map<String, Wallet> byName = new HashMap<>();",
                "    public A(String id) { this.id = id; }",
                "    public void f() { ws.forEach(b -> b.add(1)); }",
                "    public void g() { byName.values().forEach(b -> b.add(2)); }",
                "    public long h() { return ws.stream().filter(b -> b.getAmount() > 0).count(); }",
                "    public void i() { ws.forEach((Wallet b) -> b.add(3)); }",
                "    public void j() { ws.forEach((var b) -> b.add(4)); }",
                "    public void k() { byName.forEach((k, v) -> v.add(5)); }",
                "    public void l() { ws.forEach(b -> ws.forEach(c -> c.add(6))); }",
                "    public void m() { Runnable r = new Runnable() { public void run() { ws.get(0).add(7); } }; }",
                "    public Optional<Integer> n() { return ws.stream().findFirst().map(b -> b.getAmount()); }",
                "}"};
        // the call each method's line (from f() on) must be reported at
        String[] calls = {"b.add(1)", "b.add(2)", "b.getAmount()", "b.add(3)", "b.add(4)", "v.add(5)", "c.add(6)",
                "ws.get(0).add(7)", "b.getAmount()"};
        List<DiagnosticAssert.Expected> expected = new java.util.ArrayList<>();
        for (int i = 0; i < calls.length; i++) {
            int column = lines[i + 3].indexOf(calls[i]);
            assertThat(column).as(calls[i]).isNotNegative();
            expected.add(d(i + 5, column + 1, i + 5, column + calls[i].length(), "EF101"));
        }
        String[] file = new String[lines.length + 1];
        file[0] = HEADER;
        System.arraycopy(lines, 0, file, 1, lines.length);
        assertDiagnostics(List.of(source("A.java", file), wallet()), expected.toArray(DiagnosticAssert.Expected[]::new));
    }

    @Test
    void ef102RemoteCallInConstructorAndStaticMethod() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id;",
                        "    public A(String id, Wallet w) { this.id = id; w.add(1); }",
                        "    public static void s(Wallet w) { w.add(2); }",
                        "}"), wallet()),
                d(4, 51, 4, 58, "EF102"), d(5, 38, 5, 45, "EF102"));
    }

    @Test
    void ef103SynchronizedAroundRemoteCall() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Wallet w;",
                        "    public A(String id) { this.id = id; }",
                        "    public void f() { synchronized (this) { w.add(1); } }",
                        "}"), wallet()),
                d(5, 45, 5, 52, "EF103"));
    }

    @Test
    void ef104ForeignFieldSuggestsTheGetter() {
        List<Diagnostic> found = assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Wallet w;",
                        "    public A(String id) { this.id = id; }",
                        "    public int f() { return w.amount; }",
                        "}"), wallet()),
                d(5, 29, 5, 36, "EF104"));
        assertThat(found.get(0).message()).contains("w.getAmount()");
        assertThat(found.get(0).related()).singleElement().satisfies(r -> assertThat(r.file()).isEqualTo("Wallet.java"));
    }

    @Test
    void ef105StaticMutableField() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; static int n = 0; static final int LIMIT = 3;",
                        "    public A(String id) { this.id = id; }",
                        "}")),
                d(3, 40, 3, 44, "EF105"));
    }

    @Test
    void ef106UnserialisableTypesAtTheType() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Object o; private List<Thread> workers;",
                        "    public A(String id) { this.id = id; }",
                        "    public Iterator<String> it() { return null; }",
                        "    public void ok(Map<String, List<Integer>> m, Wallet w, Optional<String> s) { }",
                        "}"), wallet()),
                d(3, 37, 3, 42, "EF106"), d(3, 55, 3, 66, "EF106"), d(5, 12, 5, 27, "EF106"));
    }

    @Test
    void ef106LocalThatCannotBeSavedAcrossARemoteCall() {
        List<Diagnostic> found = assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Wallet w; private List<Integer> xs = new ArrayList<>();",
                        "    public A(String id) { this.id = id; }",
                        "    public void f() { Iterator<Integer> it = xs.iterator(); while (it.hasNext()) { w.add(it.next()); } }",
                        "    public void g() { for (int x : xs) { w.add(x); } }",
                        "}"), wallet()),
                d(5, 41, 5, 58, "EF106"), d(5, 84, 5, 99, "EF202"), d(6, 42, 6, 49, "EF202"));
        assertThat(found.get(0).related()).singleElement().satisfies(r -> assertThat(r.range().startLine()).isEqualTo(5));
    }

    @Test
    void ef107KeyProblems() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; @Key private String other;",
                        "    public A(String id) { this.id = id; }",
                        "    public A() { }",
                        "    public void rename(String n) { id = n; }",
                        "}")),
                d(3, 29, 3, 32, "EF107"), d(5, 12, 5, 12, "EF107"), d(6, 36, 6, 41, "EF107"));
    }

    @Test
    void ef108OverloadPointsAtTheSecondWithTheFirstRelated() {
        List<Diagnostic> found = assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id;",
                        "    public A(String id) { this.id = id; }",
                        "    public void put(int x) { }",
                        "    public void put(String x) { }",
                        "    private void put(long x) { }",
                        "}")),
                d(6, 17, 6, 19, "EF108"));
        assertThat(found.get(0).related().get(0).range().startLine()).isEqualTo(5);
    }

    @Test
    void ef109ReadOnlyWritesDirectlyThroughCollectionsAndRemotely() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private int n; private List<String> log = new ArrayList<>(); private Wallet w;",
                        "    public A(String id) { this.id = id; }",
                        "    @ReadOnly public int a() { n = 2; return n; }",
                        "    @ReadOnly public int b() { log.add(\"x\"); return n; }",
                        "    @ReadOnly public void c() { w.add(1); }",
                        "    @ReadOnly public int d() { int n = 3; n++; return w.getAmount() + n; }",
                        "}"), wallet()),
                d(5, 32, 5, 36, "EF109"), d(6, 32, 6, 43, "EF109"), d(7, 33, 7, 40, "EF109"));
    }

    @Test
    void ef110AndEf112UnresolvedTypes() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Gadget g;",
                        "    public A(String id) { this.id = id; }",
                        "    public void f() { g.spin(); }",
                        "}")),
                d(3, 37, 3, 42, "EF112"), d(5, 23, 5, 30, "EF110"));
    }

    @Test
    void ef111TryWithResourcesAroundARemoteCall() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Wallet w;",
                        "    public A(String id) { this.id = id; }",
                        "    public void f() { try (Scanner s = new Scanner(\"1\")) { w.add(s.nextInt()); } }",
                        "}"), wallet()),
                d(5, 23, 5, 80, "EF111"));
    }

    @Test
    void ef113EntityMustBePublicTopLevel() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "public class A {",
                        "    @Entity static class Inner { @Key private String id; public Inner(String id) { this.id = id; } }",
                        "}")),
                d(3, 26, 3, 30, "EF113"));
    }

    @Test
    void warningsForBlockingLoopsAndNonDeterminism() {
        List<Diagnostic> found = assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Wallet w; private double luck;",
                        "    public A(String id) { this.id = id; }",
                        "    public void f() throws Exception { Thread.sleep(5); }",
                        "    public void g() { for (int i = 0; i < 3; i++) { w.add(i); } }",
                        "    @Transactional public void h() { luck = Math.random(); }",
                        "}"), wallet()),
                d(5, 40, 5, 54, "EF201"), d(6, 53, 6, 60, "EF202"), d(7, 45, 7, 57, "EF203"));
        assertThat(found).allSatisfy(d -> assertThat(d.isError()).isFalse());
    }

    @Test
    void legalCodeHasNoDiagnostics() {
        assertDiagnostics(List.of(source("A.java", HEADER,
                        "@Entity public class A {",
                        "    @Key private String id; private Wallet w; private List<Wallet> all = new ArrayList<>();",
                        "    public A(String id, Wallet w) { this.id = id; this.w = w; all.add(w); }",
                        "    public int f(int x) { int before = w.getAmount(); w.add(x); return w.getAmount() - before; }",
                        "    @ReadOnly public int peek() { return all.size(); }",
                        "    public boolean same(Wallet other) { return other.equals(w) || other.toString().isEmpty(); }",
                        "}"), wallet()));
    }
}
