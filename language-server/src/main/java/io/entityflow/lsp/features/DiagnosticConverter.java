package io.entityflow.lsp.features;

import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.diag.RelatedLocation;
import io.entityflow.ir.diag.Severity;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;

import java.util.List;

/** An analysis diagnostic as LSP carries it: same code, message and related places; ranges converted exactly. */
public final class DiagnosticConverter {
    public static final String SOURCE = "entityflow";

    private DiagnosticConverter() {
    }

    public static List<org.eclipse.lsp4j.Diagnostic> toLsp(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(DiagnosticConverter::toLsp).toList();
    }

    public static org.eclipse.lsp4j.Diagnostic toLsp(Diagnostic diagnostic) {
        org.eclipse.lsp4j.Diagnostic lsp = new org.eclipse.lsp4j.Diagnostic(LspRanges.toLsp(diagnostic.range()),
                diagnostic.message(), severity(diagnostic.severity()), SOURCE, diagnostic.code());
        if (!diagnostic.related().isEmpty()) {
            lsp.setRelatedInformation(diagnostic.related().stream().map(DiagnosticConverter::related).toList());
        }
        return lsp;
    }

    private static DiagnosticRelatedInformation related(RelatedLocation location) {
        return new DiagnosticRelatedInformation(new Location(location.file(), LspRanges.toLsp(location.range())),
                location.message());
    }

    private static DiagnosticSeverity severity(Severity severity) {
        return severity == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
    }
}
