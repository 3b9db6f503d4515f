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
                record Point(int x, List<String> tags) { }
                @Key private String id;
                private long n;
                private String name = "";
                private List<String> items = new ArrayList<>();
                private Map<String, List<String>> byUser = new HashMap<>();
                private List<List<String>> nested = new ArrayList<>();
                private long[] peeks = new long[1];
                private Point at = new Point(1, new ArrayList<>());
                private LinkedList<String> queue = new LinkedList<>();
                public A(String id) { this.id = id; }
                private void addTo(List<String> target) { target.add("x"); }
                private int sizeOf(List<String> target) { return target.size(); }
                private List<String> itemsRef() { return items; }
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
    })
    void readsAreNot(String body) {
        assertThat(readOnlyDiagnostics(body)).as(body).isEmpty();
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
