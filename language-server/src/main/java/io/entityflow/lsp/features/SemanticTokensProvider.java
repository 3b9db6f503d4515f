package io.entityflow.lsp.features;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.model.EntityModel;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Marks the split points of a file so the editor can colour them: the method name of a remote call
 * ({@code method} + {@code remote}), the type of a remote create ({@code class} + {@code remote}) and the method
 * name of a suspending local call ({@code method} + {@code suspending}). Tokens are one line each, as LSP wants.
 */
public final class SemanticTokensProvider {
    public static final List<String> TOKEN_TYPES = List.of("method", "class");
    public static final List<String> TOKEN_MODIFIERS = List.of("remote", "suspending");
    private static final int METHOD = 0;
    private static final int CLASS = 1;
    private static final int REMOTE = 1;
    private static final int SUSPENDING = 1 << 1;

    /** One token before encoding: 0-based line and start, length, type and modifier bits. */
    public record Token(int line, int start, int length, int type, int modifiers) {
    }

    private SemanticTokensProvider() {
    }

    public static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(TOKEN_TYPES, TOKEN_MODIFIERS);
    }

    public static SemanticTokens semanticTokens(Analysis analysis, String uri) {
        return encode(tokens(analysis, uri));
    }

    public static List<Token> tokens(Analysis analysis, String uri) {
        // a set: the walk of an entity's methods includes its nested entities, which are walked again on their own
        Set<Token> tokens = new TreeSet<>(Comparator.comparingInt(Token::line).thenComparingInt(Token::start)
                .thenComparingInt(Token::length).thenComparingInt(Token::type).thenComparingInt(Token::modifiers));
        for (EntityModel entity : SourceQueries.entitiesIn(analysis, uri)) {
            for (CallSite site : SourceQueries.splitPoints(analysis, entity.declaration())) {
                Node name = site.expression() instanceof MethodCallExpr call ? call.getName()
                        : ((ObjectCreationExpr) site.expression()).getType().getName();
                int type = site.kind() == CallSite.Kind.CREATE ? CLASS : METHOD;
                int modifiers = site.kind() == CallSite.Kind.LOCAL ? SUSPENDING : REMOTE;
                name.getRange().filter(r -> r.begin.line == r.end.line).ifPresent(r -> tokens.add(
                        new Token(r.begin.line - 1, r.begin.column - 1, r.end.column - r.begin.column + 1, type, modifiers)));
            }
        }
        return List.copyOf(tokens);
    }

    /** LSP's relative encoding: each token as (line delta, start delta on the same line, length, type, modifiers). */
    static SemanticTokens encode(List<Token> tokens) {
        List<Integer> data = new ArrayList<>(tokens.size() * 5);
        int line = 0;
        int start = 0;
        for (Token token : tokens) {
            data.add(token.line() - line);
            data.add(token.line() == line ? token.start() - start : token.start());
            data.add(token.length());
            data.add(token.type());
            data.add(token.modifiers());
            line = token.line();
            start = token.start();
        }
        return new SemanticTokens(data);
    }
}
