package io.entityflow.cli;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.diag.SourceRange;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Broken, odd and huge inputs: the analysis reports them as diagnostics and never throws; through the
 * {@link EntityAnalyzer} directly and through {@code entityflow check} on a temporary folder.
 */
class BadInputTest {

    static final String WALLET = """
            package p;

            import io.entityflow.api.Entity;
            import io.entityflow.api.Key;

            @Entity
            public class Wallet {
                @Key private String id;
                private int amount;

                public Wallet(String id) { this.id = id; }

                public int add(int x) {
                    amount += x;
                    return amount;
                }
            }
            """;

    /** A complete entity whose last closing brace is missing. */
    static final String MISSING_BRACE = """
            package p;
            import io.entityflow.api.*;
            @Entity
            public class Broken {
                @Key private String id;
                public Broken(String id) { this.id = id; }
                public int one() { return 1; }
            """;

    static final String UNKNOWN_TYPE = """
            package p;
            import io.entityflow.api.*;
            @Entity
            public class Gizmo {
                @Key private String id;
                private Frobnicator frob;
                public Gizmo(String id) { this.id = id; }
            }
            """;

    /** Classes that are not entities may do what an entity may not (static state, Object, overloads). */
    static final String PLAIN = """
            package p;
            public class Plain {
                static int counter;
                private Object anything;
                private Thread worker;
                public static int twice(int x) { counter++; return 2 * x; }
                public void f(int x) { }
                public void f(String s) { }
            }
            """;
    static final String SHAPE = """
            package p;
            public interface Shape {
                double area();
            }
            """;
    static final String COLOR = """
            package p;
            public enum Color { RED, GREEN; static int uses; }
            """;
    static final String POINT = """
            package p;
            public record Point(int x, int y) {
                static int made;
            }
            """;
    /** An entity that uses all of the above as state, parameters and helpers. */
    static final String SHOP = """
            package p;
            import io.entityflow.api.*;
            import java.util.*;
            @Entity
            public class Shop {
                @Key private String name;
                private Color color = Color.RED;
                private Point where;
                private List<Point> history = new ArrayList<>();
                private Wallet till;
                public Shop(String name, Wallet till) { this.name = name; this.till = till; }
                public int sell(int price, Point at) {
                    history.add(at);
                    where = at;
                    return till.add(Plain.twice(price));
                }
            }
            """;

    // ---- through the analyzer ------------------------------------------------------------------

    @Test
    void missingClosingBraceIsASyntaxErrorOnTheLastLine() {
        Analysis analysis = analyzeWithoutThrowing(new SourceFile("Broken.java", MISSING_BRACE));

        assertThat(analysis.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("EF100");
            assertThat(d.file()).isEqualTo("Broken.java");
            assertThat(d.range().startLine()).as("the file ends on line 7 without closing the class").isEqualTo(7);
        });
        assertThat(analysis.hasErrors()).isTrue();
    }

    @Test
    void unknownTypeIsReportedAtTheTypeItself() {
        Analysis analysis = analyzeWithoutThrowing(new SourceFile("Gizmo.java", UNKNOWN_TYPE));

        SourceRange frobnicator = rangeOf(UNKNOWN_TYPE, "Frobnicator");
        assertThat(frobnicator).isEqualTo(new SourceRange(6, 13, 6, 23));
        assertThat(analysis.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("EF112");
            assertThat(d.range()).as("exactly the type name `Frobnicator`").isEqualTo(frobnicator);
            assertThat(d.message()).contains("Frobnicator");
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "   \n\n", "// nothing here\n/* still nothing */\n", "/** only a doc comment */",
            "package x;\n", "package x;", "package x;\nimport java.util.List;\n"})
    void filesWithoutAnyTypeAreIgnored(String text) {
        Analysis alone = analyzeWithoutThrowing(new SourceFile("Nothing.java", text));
        assertThat(alone.diagnostics()).isEmpty();
        assertThat(alone.model().entities()).isEmpty();

        Analysis withEntity = analyzeWithoutThrowing(new SourceFile("Nothing.java", text), new SourceFile("Wallet.java", WALLET));
        assertThat(withEntity.diagnostics()).isEmpty();
        assertThat(withEntity.model().entities()).hasSize(1);
    }

    @Test
    void classInterfaceEnumAndRecordNextToEntitiesAreNotAnalysedAsEntities() {
        Analysis analysis = analyzeWithoutThrowing(
                new SourceFile("Wallet.java", WALLET),
                new SourceFile("Plain.java", PLAIN),
                new SourceFile("Shape.java", SHAPE),
                new SourceFile("Color.java", COLOR),
                new SourceFile("Point.java", POINT),
                new SourceFile("Shop.java", SHOP));

        assertThat(analysis.diagnostics()).as("diagnostics").isEmpty();
        assertThat(analysis.model().entities()).extracting(e -> e.name()).containsExactlyInAnyOrder("Wallet", "Shop");
        assertThat(analysis.split("Shop", "sell")).as("Shop.sell is split at its remote call").isPresent();
    }

    @Test
    @Timeout(60)
    void twentyThousandLineEntityIsAnalysedWithoutErrors() {
        int methods = 2_000;
        String big = bigEntity(methods);
        assertThat(big.lines().count()).isGreaterThanOrEqualTo(20_000);

        Analysis analysis = analyzeWithoutThrowing(new SourceFile("Big.java", big), new SourceFile("Wallet.java", WALLET));

        assertThat(analysis.diagnostics()).isEmpty();
        assertThat(analysis.splits()).as("every generated method makes two remote calls").hasSize(methods);
        for (int i : new int[] {0, methods / 2, methods - 1}) {
            assertThat(analysis.split("Big", "m" + i)).as("Big.m%d", i).hasValueSatisfying(
                    split -> assertThat(split.callCount()).isEqualTo(2));
        }
    }

    @Test
    void binaryContentIsASyntaxError() throws IOException {
        byte[] classFile;
        try (InputStream in = BadInputTest.class.getResourceAsStream("BadInputTest.class")) {
            assertThat(in).isNotNull();
            classFile = in.readAllBytes();
        }
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        random[0] = 0;

        for (byte[] bytes : List.of(classFile, random)) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            Analysis analysis = analyzeWithoutThrowing(new SourceFile("Garbage.java", text));
            assertThat(analysis.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("EF100");
                assertThat(d.file()).isEqualTo("Garbage.java");
                assertThat(d.range().startLine()).isPositive();
            });
        }
    }

    @ParameterizedTest(name = "@Entity on a `{0} class` nested in another class")
    @ValueSource(strings = {"private static", "private", "static", "public static"})
    void nestedEntityClassIsMalformed(String modifiers) {
        String outer = """
                package p;
                import io.entityflow.api.*;
                public class Outer {
                    @Entity
                    %s class Inner {
                        @Key private String id;
                        private int n;
                        public Inner(String id) { this.id = id; }
                        public int get() { return n; }
                    }
                }
                """.formatted(modifiers);

        Analysis analysis = analyzeWithoutThrowing(new SourceFile("Outer.java", outer), new SourceFile("Wallet.java", WALLET));

        assertThat(analysis.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("EF113");
            assertThat(d.isError()).isTrue();
            assertThat(d.file()).isEqualTo("Outer.java");
            assertThat(d.range()).as("the name of the nested class").isEqualTo(rangeOf(outer, "Inner"));
            assertThat(d.message()).contains("top-level");
        });
    }

    // ---- through the command line ---------------------------------------------------------------

    @Test
    void checkReportsOnlyTheBrokenFilesOfAMixedFolder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Wallet.java"), WALLET);
        Files.writeString(dir.resolve("Shop.java"), SHOP);
        Files.writeString(dir.resolve("Plain.java"), PLAIN);
        Files.writeString(dir.resolve("Shape.java"), SHAPE);
        Files.writeString(dir.resolve("Color.java"), COLOR);
        Files.writeString(dir.resolve("Point.java"), POINT);
        Files.writeString(dir.resolve("Empty.java"), "");
        Files.writeString(dir.resolve("CommentOnly.java"), "// nothing\n");
        Files.writeString(dir.resolve("PackageOnly.java"), "package x;\n");
        Files.writeString(dir.resolve("Broken.java"), MISSING_BRACE);
        Files.writeString(dir.resolve("Gizmo.java"), UNKNOWN_TYPE);
        Files.writeString(dir.resolve("notes.txt"), "not java {{{");

        CliRun run = CliRun.run("check", dir.toString());

        assertThat(CheckCommandTest.parseReport(run))
                .as(run.describe())
                .extracting(line -> Path.of(line.path()).getFileName().toString(), CheckCommandTest.ReportLine::line,
                        CheckCommandTest.ReportLine::code)
                .containsExactlyInAnyOrder(
                        tuple("Broken.java", 7, "EF100"),
                        tuple("Gizmo.java", 6, "EF112"));
        assertThat(CheckCommandTest.parseReport(run)).filteredOn(line -> line.code().equals("EF112"))
                .extracting(CheckCommandTest.ReportLine::column).as("column of `Frobnicator`").containsExactly(13);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void checkSurvivesBinaryFiles(@TempDir Path dir) throws IOException {
        byte[] random = new byte[8192];
        new Random(7).nextBytes(random);
        random[0] = 0;
        Files.write(dir.resolve("Garbage.java"), random);
        byte[] invalidUtf8 = Arrays.copyOf("package p; class ".getBytes(StandardCharsets.US_ASCII), 20);
        invalidUtf8[17] = (byte) 0xC3;
        invalidUtf8[18] = (byte) 0x28;
        invalidUtf8[19] = (byte) 0xFF;
        Files.write(dir.resolve("Latin.java"), invalidUtf8);
        Files.writeString(dir.resolve("Wallet.java"), WALLET);

        CliRun run = CliRun.run("check", dir.toString());

        assertThat(run.exitCode()).as("1 = errors found; 2 would mean the command itself failed\n%s", run.describe())
                .isEqualTo(1);
        assertThat(CheckCommandTest.parseReport(run)).as(run.describe())
                .extracting(line -> Path.of(line.path()).getFileName().toString(), CheckCommandTest.ReportLine::code)
                .containsExactlyInAnyOrder(
                        tuple("Garbage.java", "EF100"),
                        tuple("Latin.java", "EF100"));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Analysis analyzeWithoutThrowing(SourceFile... files) {
        List<Analysis> result = new ArrayList<>();
        assertThatCode(() -> result.add(EntityAnalyzer.analyze(List.of(files)))).doesNotThrowAnyException();
        Analysis analysis = result.get(0);
        for (Diagnostic d : analysis.diagnostics()) {
            assertThat(d.range().startLine()).as("1-based line of %s", d).isPositive();
            assertThat(d.range().startColumn()).as("1-based column of %s", d).isPositive();
        }
        return analysis;
    }

    /** The 1-based range of the first occurrence of {@code word} in {@code text}, like the diagnostics use. */
    static SourceRange rangeOf(String text, String word) {
        int index = text.indexOf(word);
        assertThat(index).as("`%s` occurs in the source", word).isNotNegative();
        String before = text.substring(0, index);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = index - before.lastIndexOf('\n');
        return new SourceRange(line, column, line, column + word.length() - 1);
    }

    /** One entity with {@code methods} methods of ten lines each, each making two remote calls. */
    static String bigEntity(int methods) {
        StringBuilder source = new StringBuilder("""
                package p;
                import io.entityflow.api.*;
                @Entity
                public class Big {
                    @Key private String id;
                    private Wallet wallet;
                    private long total;
                    public Big(String id, Wallet wallet) { this.id = id; this.wallet = wallet; }
                """);
        for (int i = 0; i < methods; i++) {
            source.append("""
                        public long m%1$d(int x) {
                            int a = x * %2$d + 7;
                            int b = wallet.add(a);
                            long c = (long) a * b - %1$d;
                            if (c > 100) { c = c %% 97; }
                            total += c;
                            int d = wallet.add((int) c) + a;
                            return total + d;
                        }

                    """.formatted(i, i + 1));
        }
        return source.append("}\n").toString();
    }
}
