package io.entityflow.ir.analysis;

import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EF109 must see every way a {@code @ReadOnly} method can change state, because the runtime neither locks a
 * read-only call exclusively nor writes the entity back after it: a missed write is a lost update and an
 * isolation breach. Each body below is one {@code @ReadOnly} method of an entity holding the kinds of value
 * state may hold; the writes must be reported and the reads must not.
 */
class ReadOnlyWritesTest {
    private static final String ENTITY = """
            package t;
            import io.entityflow.api.*;
            import java.util.*;
            import java.util.stream.*;
            @Entity public class A {
                record Point(int x, List<String> tags) { void reset() { tags.clear(); } }
                enum Status { OPEN, CLOSED; boolean canMoveTo(Status next) { return this != next; } }
                @Key private String id;
                private long n;
                private String name = "";
                private List<String> items = new ArrayList<>();
                private Map<String, List<String>> byUser = new HashMap<>();
                private List<List<String>> nested = new ArrayList<>();
                private long[] peeks = new long[1];
                private Point at = new Point(1, new ArrayList<>());
                private LinkedList<String> queue = new LinkedList<>();
                private String value = "";
                private Status status = Status.OPEN;
                private Map<String, java.math.BigDecimal> prices = new HashMap<>();
                public A(String id) { this.id = id; }
                private void addTo(List<String> target) { target.add("x"); }
                private int sizeOf(List<String> target) { return target.size(); }
                private List<String> itemsRef() { return items; }
                private static void dedupe(List<String> target) { target.clear(); }
                private void eachList(Consumer<List<String>> f) { byUser.values().forEach(f); }
                private void bump() { n++; }
                private String format(String s) { return s.trim(); }
                private void bump2(String s) { n++; }
                @ReadOnly public Object probe() {
                    %s
                }
            }
            """;

    @ParameterizedTest
    @ValueSource(strings = {
            "n = 3; return n;",
            "n++; return n;",
            "this.name += \"!\"; return name;",
            "items.add(\"x\"); return null;",
            "peeks[0]++; return peeks[0];",
            "long[] p = peeks; p[0] = 7; return p;",
            "var l = items; l.add(\"x\"); return l;",
            "List<String> l; l = items; l.clear(); return l;",
            "byUser.get(\"u\").add(\"x\"); return null;",
            "for (List<String> l : byUser.values()) { l.add(\"x\"); } return null;",
            "byUser.values().forEach(l -> l.add(\"x\")); return null;",
            "byUser.forEach((k, v) -> v.remove(\"x\")); return null;",
            "nested.stream().map(l -> { l.clear(); return 1; }).count(); return null;",
            "nested.forEach(List::clear); return null;",
            "Runnable r = () -> items.add(\"x\"); r.run(); return null;",
            "return items.removeIf(s -> s.isEmpty());",
            "Iterator<String> it = items.iterator(); it.next(); it.remove(); return null;",
            "for (Map.Entry<String, List<String>> e : byUser.entrySet()) { e.setValue(List.of()); } return null;",
            "at.tags().add(\"x\"); return at;",
            "Object o = items; if (o instanceof List<?> l) { l.clear(); } return null;",
            "Collections.sort(items); return items;",
            "java.util.Collections.reverse(items); return items;",
            "Arrays.fill(peeks, 0L); return null;",
            "long[] src = {1}; System.arraycopy(src, 0, peeks, 0, 1); return null;",
            "addTo(items); return null;",
            "itemsRef().add(\"x\"); return null;",
            "List<List<String>> copy = new ArrayList<>(nested); copy.get(0).add(\"x\"); return copy;",
            "List<Object> holder = new ArrayList<>(); holder.add(items); ((List<String>) holder.get(0)).add(\"x\"); return null;",
            "queue.poll(); return null;",
            "var l = (true ? items : new ArrayList<String>()); l.add(\"x\"); return null;",
            "Consumer<String> adder = items::add; return adder;",
            "A.dedupe(items); return null;",
            "Consumer<List<String>> c = List::clear; c.accept(items); return null;",
            "Consumer<List<String>> c = l -> l.clear(); c.accept(items); return null;",
            "Supplier<List<String>> s = () -> items; s.get().add(\"x\"); return null;",
            "eachList(l -> l.clear()); return null;",
            "byUser.forEach((k, value) -> value.clear()); return null;",
            "at.reset(); return null;",
            "Object[] box = {items}; ((List<String>) box[0]).add(\"x\"); return null;",
            "List<String>[] a = new List[1]; a[0] = items; a[0].add(\"x\"); return null;",
            "List<List<String>> acc = new ArrayList<>(); nested.forEach(acc::add); acc.get(0).clear(); return null;",
            "Collections.copy(items, List.of(\"y\")); return null;",
            "items.stream().forEach(this::bump2); return null;",
            "Runnable r = this::bump; r.run(); return null;",
    })
    void writesAreReported(String body) {
        assertThat(readOnlyDiagnostics(body)).as(body).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "return n;",
            "long m = n; m++; return m;",
            "int t = 0; for (String s : items) { t += s.length(); } return t;",
            "return items.stream().filter(s -> !s.isEmpty()).map(String::toUpperCase).collect(Collectors.toList());",
            "List<String> copy = new ArrayList<>(items); copy.add(\"x\"); copy.sort(null); return copy;",
            "List<String> copy = List.copyOf(items); return copy;",
            "long[] p = peeks.clone(); p[0]++; return p;",
            "StringBuilder b = new StringBuilder(); for (var e : byUser.entrySet()) { b.append(e.getKey()); } return b.toString();",
            "String s = name; s = s.trim(); return s.toUpperCase();",
            "return byUser.getOrDefault(\"u\", List.of()).size() + at.x() + at.tags().size();",
            "return sizeOf(items);",
            "Map<String, Integer> counts = new HashMap<>(); for (String s : items) { counts.merge(s, 1, Integer::sum); } return counts;",
            "return queue.peek().length() + peeks[0];",
            "List<String> out = new ArrayList<>(); out.addAll(items); out.add(\"x\"); return out;",
            "Iterator<String> it = items.iterator(); return it.hasNext() ? it.next() : null;",
            "java.math.BigDecimal total = java.math.BigDecimal.ZERO; for (var e : prices.entrySet()) { total = total.add(e.getValue()); } return total;",
            "return items.stream().map((String s) -> s.replace(\"-\", \"\")).toList();",
            "StringBuilder b = new StringBuilder(); b.append(items.size()).append(\" items\"); return b.toString();",
            "return items.stream().map(this::format).filter(s -> !s.isEmpty()).count();",
            "return items.stream().map(String::length).mapToInt(Integer::intValue).sum();",
            "return items.toArray(String[]::new);",
            "return status.canMoveTo(Status.CLOSED);",
            "String v = value; return v.isEmpty() ? at.x() : 0;",
            "return nested.stream().flatMap(List::stream).filter(Objects::nonNull).count();",
    })
    void readsAreNot(String body) {
        assertThat(readOnlyDiagnostics(body)).as(body).isEmpty();
    }

    /** A record's accessor is a read, and a record's own method may write, wherever the record is declared. */
    @org.junit.jupiter.api.Test
    void aRecordOfAnotherFileIsReadThroughItsAccessorsAndWrittenThroughItsMethods() {
        SourceFile line = new SourceFile("t/Line.java", """
                package t;
                import java.util.List;
                public record Line(String item, List<String> notes) { public void forget() { notes.clear(); } }
                """);
        String entity = """
                package t;
                import io.entityflow.api.*;
                import java.util.*;
                @Entity public class B {
                    @Key private String id;
                    private List<Line> lines = new ArrayList<>();
                    public B(String id) { this.id = id; }
                    @ReadOnly public List<String> items() {
                        List<String> items = new ArrayList<>();
                        for (Line line : lines) { items.add(line.item()); }
                        return items;
                    }
                    @ReadOnly public int forgetAll() { for (Line line : lines) { line.forget(); } return 0; }
                }
                """;
        List<Diagnostic> found = EntityAnalyzer.analyze(List.of(new SourceFile("t/B.java", entity), line)).diagnostics();
        assertThat(found).extracting(Diagnostic::code).containsExactly("EF109");
        assertThat(found.get(0).message()).contains("forgetAll");
    }

    private static List<String> readOnlyDiagnostics(String body) {
        Analysis analysis = EntityAnalyzer.analyze(List.of(new SourceFile("t/A.java",
                ENTITY.replace("import java.util.stream.*;", "import java.util.stream.*; import java.util.function.*;")
                        .formatted(body))));
        List<Diagnostic> errors = analysis.diagnostics().stream()
                .filter(d -> !d.code().equals("EF109") && d.severity() == io.entityflow.ir.diag.Severity.ERROR)
                .filter(d -> !d.message().contains("result of `probe`")) // Object: each case returns what it likes
                .toList();
        assertThat(errors).as("the test program itself is valid: %s", body).isEmpty();
        return analysis.diagnostics().stream().filter(d -> d.code().equals("EF109")).map(Diagnostic::toLine).toList();
    }
}
