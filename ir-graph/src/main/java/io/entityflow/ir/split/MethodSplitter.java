package io.entityflow.ir.split;

import io.entityflow.ir.analysis.CallGraph;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.diag.SourceRange;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.List;
import java.util.Map;

/** Splits one method and turns whatever it cannot lower into an EF111 diagnostic at the construct. */
public final class MethodSplitter {
    private MethodSplitter() {
    }

    public static void split(CallGraph calls, JavaTypes types, EntityModel entity, MethodModel method,
                             Map<String, SplitMethod> into, List<Diagnostic> diagnostics) {
        try {
            into.put(entity.qualifiedName() + "." + method.name(), new MethodLowerer(calls, types, entity, method).lower());
        } catch (SplitException e) {
            diagnostics.add(new Diagnostic(Code.EF111.name(), Code.EF111.severity(), entity.file(),
                    SourceRange.of(e.node()), e.getMessage(), List.of()));
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.add(new Diagnostic(Code.EF111.name(), Code.EF111.severity(), entity.file(),
                    SourceRange.of(method.declaration().getName()), "internal error while splitting `" + method.name()
                    + "` (" + e + "); please report this with the method's source", List.of()));
        }
    }
}
