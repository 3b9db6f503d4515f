package io.entityflow.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code entityflow check}: the text and JSON reports, exit codes, and usage errors (README, ARCHITECTURE §7). */
class CheckCommandTest {

    /** Tests run in {@code cli/}, so the samples are one level up. */
    static final Path SAMPLES = Path.of("..", "samples");
    static final Path UNSPLITTABLE = SAMPLES.resolve("unsplittable");

    /** The contract of one report line: {@code FILE:LINE:COL: error|warning CODE: message}. */
    static final Pattern LINE = Pattern.compile("^(.*):(\\d+):(\\d+): (error|warning) (EF\\d{3}): (.+)$");
    static final Pattern MARKER = Pattern.compile("//\\s*expect:\\s*(.+)$");

    /**
     * "What to write instead": a clause (after ':', ';' or '(') that starts with an imperative, or the word
     * "instead". The verbs are the ones the analysis actually uses, plus a few natural alternatives.
     */
    static final Pattern REMEDY = Pattern.compile("\\binstead\\b|[:;(]\\s*(?:use|make|move|remove|declare|add|call"
            + "|give|pass|assign|put|create|mark|batch|rename|replace|write|split)\\b");

    record Located(String file, int line, String code) {
        @Override
        public String toString() {
            return file + ":" + line + " " + code;
        }
    }

    record ReportLine(String path, int line, int column, String severity, String code, String message) {
        Located located() {
            return new Located(Path.of(path).getFileName().toString(), line, code);
        }
    }

    @Test
    void unsplittableReportsEveryMarkerAndNothingElse() throws IOException {
        List<Located> expected = expectMarkers(UNSPLITTABLE);
        assertThat(expected).as("the `// expect:` markers of samples/unsplittable").hasSizeGreaterThanOrEqualTo(20);

        CliRun run = CliRun.run("check", UNSPLITTABLE.toString());

        List<Located> reported = parseReport(run).stream().map(ReportLine::located).toList();
        assertThat(reported)
                .as("(file, line, code) reported by `check samples/unsplittable` (actual) versus its `// expect:`"
                        + " markers (expected); stderr: %s", run.err())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(run.exitCode()).as("the folder contains errors, so check exits 1\n%s", run.describe()).isEqualTo(1);
    }

    @Test
    void severityFollowsTheCodeAndTheSummaryCountsBoth() {
        CliRun run = CliRun.run("check", UNSPLITTABLE.toString());
        List<ReportLine> lines = parseReport(run);

        assertThat(lines).allSatisfy(line -> assertThat(line.severity())
                .as("severity of %s", line)
                .isEqualTo(line.code().startsWith("EF2") ? "warning" : "error"));
        long errors = lines.stream().filter(line -> line.severity().equals("error")).count();
        long warnings = lines.size() - errors;
        assertThat(errors).isPositive();
        assertThat(warnings).isPositive();
        assertThat(run.err()).contains(errors + " errors, " + warnings + " warnings");
    }

    @Test
    void everyMessageExplainsAndSaysWhatToDo() {
        CliRun run = CliRun.run("check", UNSPLITTABLE.toString());
        List<ReportLine> lines = parseReport(run);
        assertThat(lines).isNotEmpty();

        assertThat(lines).allSatisfy(line -> {
            assertThat(line.message()).as("message of %s is more than a few words", line.located()).hasSizeGreaterThan(40);
            if (line.code().equals("EF100")) {
                // a syntax error names the token found and what is most likely missing before it
                assertThat(line.message()).as("EF100 names the token it found and what is likely missing").contains("Found").contains("missing");
            } else {
                assertThat(line.message()).as("message of %s says what to write instead", line.located())
                        .containsPattern(REMEDY);
            }
        });
    }

    @ParameterizedTest(name = "check samples/{0} exits 0 without errors")
    @ValueSource(strings = {"shop", "checkout", "ycsb"})
    void runnableSamplesHaveNoErrors(String sample) {
        CliRun run = CliRun.run("check", SAMPLES.resolve(sample).toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(parseReport(run)).as(run.describe()).noneMatch(line -> line.severity().equals("error"));
    }

    @ParameterizedTest(name = "check samples/{0} prints no diagnostic at all")
    @ValueSource(strings = {"shop", "ycsb"})
    void shopAndYcsbAreClean(String sample) {
        CliRun run = CliRun.run("check", SAMPLES.resolve(sample).toString());

        assertThat(run.outLines()).as(run.describe()).isEmpty();
        assertThat(run.err()).contains("0 errors, 0 warnings");
    }

    @Test
    void checkoutHasExactlyTheLoopWarning() {
        CliRun run = CliRun.run("check", SAMPLES.resolve("checkout").toString());

        List<ReportLine> lines = parseReport(run);
        assertThat(lines).as(run.describe()).singleElement().satisfies(line -> {
            assertThat(line.located()).isEqualTo(new Located("Order.java", 55, "EF202"));
            assertThat(line.severity()).isEqualTo("warning");
            assertThat(line.column()).as("column of `item.subtractStock(...)`").isEqualTo(13);
        });
        assertThat(run.exitCode()).as("a warning alone does not fail the check").isZero();
    }

    @Test
    void jsonFormatCarriesTheSameDiagnosticsAsText() throws IOException {
        CliRun text = CliRun.run("check", UNSPLITTABLE.toString());
        CliRun json = CliRun.run("check", UNSPLITTABLE.toString(), "--format", "json");

        JsonNode root = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json.out());
        JsonNode diagnostics = root.get("diagnostics");
        assertThat(diagnostics).as("top-level `diagnostics` array\n%s", json.out()).isNotNull();
        assertThat(diagnostics.isArray()).isTrue();

        List<ReportLine> fromJson = new ArrayList<>();
        for (JsonNode d : diagnostics) {
            assertThat(d.path("file").isTextual()).as("file of %s", d).isTrue();
            for (String number : List.of("line", "column", "endLine", "endColumn")) {
                assertThat(d.path(number).isInt()).as("%s of %s", number, d).isTrue();
                assertThat(d.path(number).asInt()).as("%s of %s is 1-based", number, d).isPositive();
            }
            assertThat(d.path("severity").asText()).as("severity of %s", d).isIn("error", "warning");
            assertThat(d.path("code").asText()).as("code of %s", d).matches("EF\\d{3}");
            assertThat(d.path("message").asText()).as("message of %s", d).isNotBlank();
            int line = d.get("line").asInt();
            int endLine = d.get("endLine").asInt();
            assertThat(endLine > line || (endLine == line && d.get("endColumn").asInt() >= d.get("column").asInt()))
                    .as("range of %s ends after it starts", d).isTrue();
            fromJson.add(new ReportLine(d.get("file").asText(), line, d.get("column").asInt(),
                    d.get("severity").asText(), d.get("code").asText(), d.get("message").asText()));
        }

        assertThat(fromJson).hasSameSizeAs(parseReport(text));
        assertThat(fromJson).containsExactlyInAnyOrderElementsOf(parseReport(text));
        assertThat(json.exitCode()).as(json.describe()).isEqualTo(1);
    }

    @Test
    void jsonFormatOfCheckoutCarriesOnlyItsWarningAndExitsZero() throws IOException {
        CliRun run = CliRun.run("check", "--format", "json", SAMPLES.resolve("checkout").toString());

        JsonNode diagnostics = new ObjectMapper().readTree(run.out()).get("diagnostics");
        assertThat(diagnostics).hasSize(1);
        assertThat(diagnostics.get(0).get("code").asText()).isEqualTo("EF202");
        assertThat(diagnostics.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("no command", List.of(), "check"),
                Arguments.of("check without a folder", List.of("check"), "DIR"),
                Arguments.of("unknown option", List.of("check", "--bogus", "../samples/shop"), "--bogus"),
                Arguments.of("unknown format", List.of("check", "--format", "xml", "../samples/shop"), "xml"),
                Arguments.of("missing folder", List.of("check", "../samples/does-not-exist"), "../samples/does-not-exist"),
                Arguments.of("one of two folders missing", List.of("check", "../samples/shop", "../samples/nope"),
                        "../samples/nope"),
                Arguments.of("unknown subcommand", List.of("frobnicate", "../samples/shop"), "frobnicate"));
    }

    @ParameterizedTest(name = "{0} exits 2")
    @MethodSource("usageErrors")
    void usageErrorsExitTwoAndSayWhatIsWrong(String name, List<String> args, String mentioned) {
        CliRun run = CliRun.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).as("the error message names the problem").contains("entityflow: ").contains(mentioned);
        assertThat(run.out()).as("nothing on standard output").isBlank();
    }

    /** Every {@code // expect: EFxxx [EFyyy…]} marker in the folder's .java files, one entry per code. */
    static List<Located> expectMarkers(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<Located> markers = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKER.matcher(lines.get(i));
                if (m.find()) {
                    for (String code : m.group(1).trim().split("\\s+")) {
                        assertThat(code).as("marker at %s:%d", file, i + 1).matches("EF\\d{3}");
                        markers.add(new Located(file.getFileName().toString(), i + 1, code));
                    }
                }
            }
        }
        return markers;
    }

    /** The report lines of a text-mode run; fails if stdout holds anything that is not a report line. */
    static List<ReportLine> parseReport(CliRun run) {
        List<ReportLine> parsed = new ArrayList<>();
        for (String line : run.outLines()) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as("stdout line is `FILE:LINE:COL: error|warning CODE: message`: %s", line).isTrue();
            parsed.add(new ReportLine(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4), m.group(5), m.group(6)));
        }
        return parsed;
    }
}
