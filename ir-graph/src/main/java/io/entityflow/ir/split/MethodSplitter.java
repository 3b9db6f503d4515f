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

    /** EF106 for a local that must be saved across a remote call but cannot be serialised. */
    private static void checkFrames(SplitMethod split, EntityModel entity, List<Diagnostic> diagnostics) {
        java.util.Set<Var> reported = new java.util.HashSet<>();
        for (int basic = 0; basic < split.blocks().size(); basic++) {
            if (!(split.blocks().get(basic).terminator() instanceof Terminator.Call call)) {
                continue;
            }
            for (Var var : split.frame(split.splitBlockOf(call.continuation()))) {
                java.util.Optional<String> problem = FrameTypes.problem(var.javaType());
                if (problem.isPresent() && reported.add(var)) {
                    SourceRange at = var.declaredAt() == SourceRange.UNKNOWN ? call.range() : var.declaredAt();
                    diagnostics.add(new Diagnostic(Code.EF106.name(), Code.EF106.severity(), entity.file(), at,
                            "`" + var.displayName() + "` is still needed after the remote call `" + call.site().label()
                                    + "`, so it is saved in the method's frame, but " + problem.get()
                                    + " and cannot be serialised; compute it again after the call, or keep a value"
                                    + " (a list, a count) instead",
                            List.of(new io.entityflow.ir.diag.RelatedLocation(entity.file(), call.range(), "the remote call"))));
                }
            }
        }
    }

    public static void split(CallGraph calls, JavaTypes types, EntityModel entity, MethodModel method,
                             Map<String, SplitMethod> into, List<Diagnostic> diagnostics) {
        try {
            SplitMethod split = new MethodLowerer(calls, types, entity, method).lower();
            into.put(entity.qualifiedName() + "." + method.name(), split);
            checkFrames(split, entity, diagnostics);
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
