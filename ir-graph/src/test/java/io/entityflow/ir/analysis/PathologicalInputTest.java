package io.entityflow.ir.analysis;

import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Inputs that overflow recursive parsers and solvers: a diagnostic, never a crash, never a missed call. */
class PathologicalInputTest {
    private static SourceFile entity(String body) {
        return new SourceFile("D.java", "package t; import io.entityflow.api.*;\n"
                + "@Entity public class D { @Key private String id; private D other;\n"
                + "  public D(String id) { this.id = id; }\n"
                + "  public int g(int x) { return x; }\n" + body + "\n}\n");
    }

    @Test
    @Timeout(120)
    void deeplyNestedParenthesesAreADiagnosticNotACrash() {
        String nested = "(".repeat(3000) + "x" + ")".repeat(3000);
        SourceFile file = entity("  public int f(int x) { return " + nested + "; }");
        assertThatCode(() -> EntityAnalyzer.analyze(List.of(file))).doesNotThrowAnyException();
        Analysis analysis = EntityAnalyzer.analyze(List.of(file));
        assertThat(analysis.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.code()).isIn("EF100", "EF110", "EF111"));
    }

    @Test
    @Timeout(120)
    void aRemoteCallInAVeryLongExpressionIsSplitOrRefusedNeverMissed() {
        String sum = "other.g(x)" + " + x".repeat(4000);
        Analysis analysis = EntityAnalyzer.analyze(List.of(entity("  public int f(int x) { return " + sum + "; }")));
        boolean split = analysis.split("D", "f").isPresent();
        boolean refused = analysis.diagnostics().stream().anyMatch(Diagnostic::isError);
        assertThat(split || refused).as("the remote call is either split or reported: %s", analysis.diagnostics()).isTrue();
    }

    /** Every rule must stay near-linear: a rule that types every operand of a long `+` chain took minutes. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLongStringConcatenationIsCheckedInLinearTime() {
        String text = "\"s\"" + " + x".repeat(3000) + " + other";
        Analysis analysis = EntityAnalyzer.analyze(List.of(entity("  public String f(int x) { return " + text + "; }")));
        assertThat(analysis.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("EF114"));
    }
}
