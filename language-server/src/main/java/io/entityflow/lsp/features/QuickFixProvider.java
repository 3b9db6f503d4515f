package io.entityflow.lsp.features;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.rules.ForeignFieldRule;
import io.entityflow.ir.diag.SourceRange;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quick fixes where the fix is mechanical. EF104: read another entity's field through the getter it has
 * (only for reads: a write needs a method the user must design). EF105: make a static field {@code final}
 * (only when every variable it declares is initialised, or the result would not compile).
 */
public final class QuickFixProvider {
    private QuickFixProvider() {
    }

    public static List<CodeAction> quickFixes(Analysis analysis, String uri, List<Diagnostic> diagnostics) {
        Optional<CompilationUnit> unit = SourceQueries.unit(analysis, uri);
        List<CodeAction> actions = new ArrayList<>();
        if (unit.isEmpty()) {
            return actions;
        }
        for (Diagnostic diagnostic : diagnostics) {
            String code = diagnostic.getCode() == null ? "" : diagnostic.getCode().isLeft() ? diagnostic.getCode().getLeft() : "";
            SourceRange at = LspRanges.fromLsp(diagnostic.getRange());
            Optional<CodeAction> fix = switch (code) {
                case "EF104" -> callTheGetter(analysis, unit.get(), uri, at);
                case "EF105" -> makeFinal(unit.get(), uri, at);
                default -> Optional.empty();
            };
            fix.ifPresent(action -> {
                action.setDiagnostics(List.of(diagnostic));
                actions.add(action);
            });
        }
        return actions;
    }

    private static Optional<CodeAction> callTheGetter(Analysis analysis, CompilationUnit unit, String uri, SourceRange at) {
        Optional<FieldAccessExpr> access = unit.findFirst(FieldAccessExpr.class, f -> SourceRange.of(f).equals(at));
        if (access.isEmpty() || isWritten(access.get())) {
            return Optional.empty();
        }
        Optional<EntityModel> owner = analysis.calls().entityTypeOf(access.get().getScope());
        Optional<MethodModel> getter = owner.flatMap(o -> ForeignFieldRule.getterOf(o, access.get().getNameAsString()));
        return getter.map(g -> action("Call `" + g.name() + "()` instead of reading the field", uri,
                new TextEdit(LspRanges.toLsp(access.get().getName()), g.name() + "()")));
    }

    private static boolean isWritten(FieldAccessExpr access) {
        return access.getParentNode().map(parent -> parent instanceof AssignExpr assign && assign.getTarget() == access
                || parent instanceof UnaryExpr unary && isIncrementOrDecrement(unary)).orElse(false);
    }

    private static boolean isIncrementOrDecrement(UnaryExpr unary) {
        return switch (unary.getOperator()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
        };
    }

    private static Optional<CodeAction> makeFinal(CompilationUnit unit, String uri, SourceRange at) {
        Optional<VariableDeclarator> variable = unit.findFirst(VariableDeclarator.class, v -> SourceRange.of(v).equals(at));
        Optional<FieldDeclaration> field = variable.flatMap(v -> v.findAncestor(FieldDeclaration.class));
        if (field.isEmpty() || field.get().getVariables().stream().anyMatch(v -> v.getInitializer().isEmpty())) {
            return Optional.empty();
        }
        List<Modifier> modifiers = field.get().getModifiers();
        Optional<Position> afterModifiers = modifiers.get(modifiers.size() - 1).getRange()
                .map(r -> new Position(r.end.line - 1, r.end.column));
        return afterModifiers.map(p -> action("Make `" + variable.get().getNameAsString() + "` final", uri,
                new TextEdit(new Range(p, p), " final")));
    }

    private static CodeAction action(String title, String uri, TextEdit edit) {
        CodeAction action = new CodeAction(title);
        action.setKind(CodeActionKind.QuickFix);
        action.setIsPreferred(true);
        action.setEdit(new WorkspaceEdit(Map.of(uri, List.of(edit))));
        return action;
    }
}
