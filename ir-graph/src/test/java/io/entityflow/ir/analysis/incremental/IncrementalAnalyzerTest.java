package io.entityflow.ir.analysis.incremental;

import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.source.SourceFile;
import io.entityflow.ir.source.SourceTree;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Re-analysing only what an edit affects gives exactly the diagnostics of analysing the whole program. */
class IncrementalAnalyzerTest {
    private static final String WALLET = """
            package t; import io.entityflow.api.*;
            @Entity public class Wallet {
                @Key private String id; int amount;
                public Wallet(String id) { this.id = id; }
                public int getAmount() { return amount; }
            }
            """;
    private static final String A = """
            package t; import io.entityflow.api.*;
            @Entity public class A {
                @Key private String id; private Wallet w;
                public A(String id) { this.id = id; }
                public int f() { return w.amount; }
            }
            """;
    private static final String LONER = """
            package u; import io.entityflow.api.*;
            @Entity public class Loner {
                @Key private String id; static int n;
                public Loner(String id) { this.id = id; }
            }
            """;

    @Test
    void filesWhoseAnalysisFailedAreAnalysedByTheNextUpdate() {
        AtomicBoolean failNext = new AtomicBoolean();
        IncrementalAnalyzer analyzer = new IncrementalAnalyzer((sources, names) -> {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("injected failure");
            }
            return EntityAnalyzer.analyzePart(sources, names);
        });
        analyzer.update(Map.of("A.java", A, "Wallet.java", WALLET, "Loner.java", LONER), Set.of());
        assertThat(codes(analyzer.diagnostics("A.java"))).containsExactly("EF104");

        failNext.set(true);
        String fixed = A.replace("w.amount", "w.getAmount()");
        assertThatThrownBy(() -> analyzer.update(Map.of("A.java", fixed), Set.of())).hasMessageContaining("injected failure");

        // nothing new for A: an update of another file, with its text unchanged, still analyses A again
        IncrementalAnalyzer.Update next = analyzer.update(Map.of("Loner.java", LONER), Set.of());
        assertThat(next.dirty()).contains("A.java");
        assertThat(analyzer.diagnostics("A.java")).isEmpty();
        assertThat(analyzer.update(Map.of("Loner.java", LONER), Set.of()).isEmpty()).isTrue();
    }

    @Test
    void anEditReanalysesTheFileAndItsDependentsOnly() {
        IncrementalAnalyzer analyzer = new IncrementalAnalyzer();
        IncrementalAnalyzer.Update first = analyzer.update(Map.of("A.java", A, "Wallet.java", WALLET, "Loner.java", LONER), Set.of());
        assertThat(first.dirty()).containsExactlyInAnyOrder("A.java", "Wallet.java", "Loner.java");
        assertThat(codes(analyzer.diagnostics("A.java"))).containsExactly("EF104");

        IncrementalAnalyzer.Update renamed = analyzer.update(Map.of("Wallet.java", WALLET.replace("int amount", "int total")
                .replace("return amount", "return total")), Set.of());
        assertThat(renamed.dirty()).containsExactlyInAnyOrder("Wallet.java", "A.java");
        assertThat(renamed.analysed()).containsExactlyInAnyOrder("Wallet.java", "A.java");
        assertThat(analyzer.diagnostics("A.java")).isEmpty();

        IncrementalAnalyzer.Update bodyOnly = analyzer.update(Map.of("A.java", A.replace("w.amount", "w.getAmount()")), Set.of());
        assertThat(bodyOnly.dirty()).containsExactly("A.java");
        assertThat(bodyOnly.analysed()).containsExactlyInAnyOrder("A.java", "Wallet.java");
        assertThat(codes(analyzer.diagnostics("Loner.java"))).containsExactly("EF105");
    }

    @Test
    void removingADeclaringFileReanalysesItsUsers() {
        IncrementalAnalyzer analyzer = new IncrementalAnalyzer();
        analyzer.update(Map.of("A.java", A, "Wallet.java", WALLET), Set.of());
        IncrementalAnalyzer.Update update = analyzer.update(Map.of(), Set.of("Wallet.java"));
        assertThat(update.removed()).containsExactly("Wallet.java");
        assertThat(update.dirty()).containsExactly("A.java");
        assertThat(codes(analyzer.diagnostics("A.java"))).containsExactly("EF112");
        assertThat(analyzer.diagnostics("Wallet.java")).isEmpty();
    }

    @Test
    void unchangedTextIsNoUpdate() {
        IncrementalAnalyzer analyzer = new IncrementalAnalyzer();
        analyzer.update(Map.of("A.java", A), Set.of());
        assertThat(analyzer.update(Map.of("A.java", A), Set.of()).isEmpty()).isTrue();
    }

    /** Seeded random edits of the samples, whole lines and single characters: after each, the same as `check`. */
    @Test
    void randomEditsOfTheSamplesGiveTheWholeProgramResult() throws Exception {
        Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
        List<SourceFile> files = new ArrayList<>();
        for (String folder : List.of("shop", "checkout", "unsplittable")) {
            files.addAll(SourceTree.load(List.of(samples.resolve(folder)), samples));
        }
        TreeMap<String, String> texts = new TreeMap<>();
        files.forEach(f -> texts.put(f.name(), f.text()));
        IncrementalAnalyzer analyzer = new IncrementalAnalyzer();
        analyzer.update(texts, Set.of());
        assertSameAsWholeProgram(analyzer, texts);
        Random random = new Random(42);
        List<String> names = new ArrayList<>(texts.keySet());
        int smallerParts = 0;
        for (int step = 0; step < 120; step++) {
            String file = names.get(random.nextInt(names.size()));
            Map<String, String> changed = new LinkedHashMap<>();
            Set<String> removed = Set.of();
            int kind = random.nextInt(10);
            if (kind == 0 && texts.containsKey(file)) {
                removed = Set.of(file);
                texts.remove(file);
            } else {
                String text = texts.getOrDefault(file, files.get(random.nextInt(files.size())).text());
                String edited = kind < 5 ? RandomEdits.lineEdit(text, texts, random) : RandomEdits.charEdit(text, random);
                changed.put(file, edited);
                texts.put(file, edited);
            }
            IncrementalAnalyzer.Update update = analyzer.update(changed, removed);
            if (update.analysis() != null && update.analysed().size() < texts.size()) {
                smallerParts++;
            }
            assertSameAsWholeProgram(analyzer, texts);
        }
        assertThat(smallerParts).as("updates that analysed less than the whole program").isGreaterThan(60);
    }

    private static void assertSameAsWholeProgram(IncrementalAnalyzer analyzer, TreeMap<String, String> texts) {
        List<SourceFile> all = texts.entrySet().stream().map(e -> new SourceFile(e.getKey(), e.getValue())).toList();
        List<String> expected = EntityAnalyzer.analyze(all).diagnostics().stream().map(Diagnostic::toString).toList();
        assertThat(analyzer.allDiagnostics().stream().map(Diagnostic::toString).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> codes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::code).toList();
    }
}
