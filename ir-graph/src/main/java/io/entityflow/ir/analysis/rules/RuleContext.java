package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.Node;
import io.entityflow.ir.analysis.CallGraph;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.diag.RelatedLocation;
import io.entityflow.ir.diag.SourceRange;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.ProgramModel;

import java.util.ArrayList;
import java.util.List;

/** What rules see (the program, its call graph) and where they report. */
public final class RuleContext {
    private final CallGraph calls;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public RuleContext(CallGraph calls) {
        this.calls = calls;
    }

    public CallGraph calls() {
        return calls;
    }

    public ProgramModel program() {
        return calls.program();
    }

    public void report(Code code, EntityModel entity, Node at, String message, RelatedLocation... related) {
        diagnostics.add(new Diagnostic(code.name(), code.severity(), entity.file(), SourceRange.of(at), message,
                List.of(related)));
    }

    public RelatedLocation related(EntityModel entity, Node at, String message) {
        return new RelatedLocation(entity.file(), SourceRange.of(at), message);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
