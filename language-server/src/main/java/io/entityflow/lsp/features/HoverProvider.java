package io.entityflow.lsp.features;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.split.Var;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Hover on a split point (remote call, create, suspending local call): where it goes, which split point of its
 * method it is and what is saved across it. Hover on an entity method's name: how many blocks it runs as and
 * whether it is transactional.
 */
public final class HoverProvider {
    private HoverProvider() {
    }

    public static Optional<Hover> hover(Analysis analysis, String uri, Position position) {
        Optional<CallSite> call = SourceQueries.splitPointAt(analysis, uri, position);
        if (call.isPresent()) {
            return Optional.of(hover(callText(analysis, call.get()), LspRanges.toLsp(call.get().expression())));
        }
        return SourceQueries.methodNamedAt(analysis, uri, position)
                .map(method -> hover(methodText(analysis, method), LspRanges.toLsp(method.declaration().getName())));
    }

    private static String callText(Analysis analysis, CallSite site) {
        String what = switch (site.kind()) {
            case CREATE -> "**remote create** of entity `" + site.target().name() + "`";
            case LOCAL -> "**suspending local call** of `" + site.method() + "` (it makes remote calls itself)";
            default -> "**remote call** to entity `" + site.target().name() + "`, method `" + site.method() + "`";
        };
        String where = SourceQueries.splitPointOf(analysis, site)
                .map(point -> "split point " + point.index() + " of " + point.count() + " in `"
                        + site.caller().name() + "." + SourceQueries.enclosingMethod(site).map(MethodModel::name).orElse("?") + "`"
                        + "\n\n" + saved(point))
                .orElse("not split: fix the errors reported in this method first");
        return what + "\n\n" + where;
    }

    private static String saved(SourceQueries.SplitPoint point) {
        if (point.saved().isEmpty()) {
            return "nothing is saved across it";
        }
        return "saved across it: " + point.saved().stream().map(HoverProvider::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Var var) {
        return "`" + var.javaType() + " " + var.displayName() + "`" + (var.temporary() ? " (a value computed before the call)" : "");
    }

    private static String methodText(Analysis analysis, MethodModel method) {
        EntityModel entity = analysis.model().entities().stream()
                .filter(e -> e.methods().contains(method)).findFirst().orElseThrow();
        int blocks = SourceQueries.blockCount(analysis, entity, method);
        long remote = analysis.calls().sitesIn(method.declaration()).stream().filter(CallSite::isRemote).count();
        return "**" + entity.name() + "." + method.name() + "**: " + Counts.blocks(blocks) + " · " + Counts.remoteCalls(remote)
                + "\n\n" + (method.isTransactional() ? "transactional: runs serializably and atomically"
                : "not transactional") + (method.isReadOnly() ? " · read-only" : "");
    }

    private static Hover hover(String markdown, org.eclipse.lsp4j.Range range) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), range);
    }
}
