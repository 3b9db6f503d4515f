package io.entityflow.ir.analysis;

import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.model.ProgramModel;
import io.entityflow.ir.source.ParsedProgram;
import io.entityflow.ir.split.SplitMethod;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the analysis learned about a program: diagnostics (sorted by file and position), the entity
 * model, the call graph and the split form of every suspending method (keyed {@code qualified.Entity.method}).
 */
public record Analysis(ParsedProgram parsed, ProgramModel model, CallGraph calls, List<Diagnostic> diagnostics,
                       Map<String, SplitMethod> splits) {

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** The split form of {@code entity.method}; {@code entity} may be the simple or the qualified name. */
    public Optional<SplitMethod> split(String entity, String method) {
        return model.bySimpleOrQualifiedName(entity)
                .flatMap(e -> Optional.ofNullable(splits.get(e.qualifiedName() + "." + method)));
    }
}
