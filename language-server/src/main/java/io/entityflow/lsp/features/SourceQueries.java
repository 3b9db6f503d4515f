package io.entityflow.lsp.features;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.split.BasicBlock;
import io.entityflow.ir.split.SplitMethod;
import io.entityflow.ir.split.Terminator;
import io.entityflow.ir.split.Var;
import org.eclipse.lsp4j.Position;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Questions the editor features ask of an analysis about one file: what is at a position, what a call splits. */
public final class SourceQueries {
    /** Where a call splits its method: split point {@code index} of {@code count}, and the locals saved across it. */
    public record SplitPoint(int index, int count, List<Var> saved) {
    }

    private SourceQueries() {
    }

    public static List<EntityModel> entitiesIn(Analysis analysis, String uri) {
        return analysis.model().entities().stream().filter(e -> e.file().equals(uri)).toList();
    }

    public static Optional<CompilationUnit> unit(Analysis analysis, String uri) {
        return analysis.parsed().units().stream().filter(u -> uri.equals(analysis.parsed().fileOf(u))).findFirst();
    }

    /** Calls that split a method: remote calls, creates and local calls of suspending methods. */
    public static List<CallSite> splitPoints(Analysis analysis, Node root) {
        return analysis.calls().sitesIn(root).stream().filter(analysis.calls()::isSplitPoint).toList();
    }

    /** The innermost split-point call whose text covers the position. */
    public static Optional<CallSite> splitPointAt(Analysis analysis, String uri, Position position) {
        return entitiesIn(analysis, uri).stream()
                .flatMap(e -> splitPoints(analysis, e.declaration()).stream())
                .filter(site -> LspRanges.covers(site.expression(), position))
                .min(Comparator.comparingInt(site -> length(site.expression())));
    }

    /** The entity method whose name is at the position. */
    public static Optional<MethodModel> methodNamedAt(Analysis analysis, String uri, Position position) {
        return entitiesIn(analysis, uri).stream().flatMap(e -> e.methods().stream())
                .filter(m -> LspRanges.covers(m.declaration().getName(), position)).findFirst();
    }

    public static Optional<SplitMethod> split(Analysis analysis, EntityModel entity, MethodModel method) {
        return Optional.ofNullable(analysis.splits().get(entity.qualifiedName() + "." + method.name()))
                .filter(s -> s.method() == method);
    }

    /** Blocks a method runs as: one per split point plus the entry block, or 1 when it is not split. */
    public static int blockCount(Analysis analysis, EntityModel entity, MethodModel method) {
        return split(analysis, entity, method).map(s -> s.resumePoints().size()).orElse(1);
    }

    public static Optional<MethodModel> enclosingMethod(CallSite site) {
        return site.expression().findAncestor(MethodDeclaration.class)
                .flatMap(declaration -> site.caller().methods().stream().filter(m -> m.declaration() == declaration).findFirst());
    }

    /** The split point a call is in its (split) method, if the method was split. */
    public static Optional<SplitPoint> splitPointOf(Analysis analysis, CallSite site) {
        Optional<SplitMethod> split = enclosingMethod(site).flatMap(m -> split(analysis, site.caller(), m));
        if (split.isEmpty()) {
            return Optional.empty();
        }
        for (BasicBlock block : split.get().blocks()) {
            if (block.terminator() instanceof Terminator.Call call && call.site().expression() == site.expression()) {
                int resumesAt = split.get().splitBlockOf(call.continuation());
                return Optional.of(new SplitPoint(resumesAt, split.get().callCount(), split.get().frame(resumesAt)));
            }
        }
        return Optional.empty();
    }

    private static int length(Node node) {
        return node.getTokenRange().map(tokens -> tokens.toString().length()).orElse(Integer.MAX_VALUE);
    }
}
