package io.entityflow.ir.split;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.type.Type;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small pieces of Java the lowering writes (types for casts, loop conditions), parsed once and cloned:
 * a JavaParser instance is costly to create and lowering needs thousands of these per analysis.
 */
final class Snippets {
    private static final Map<String, Type> TYPES = new ConcurrentHashMap<>();
    private static final Map<String, Expression> EXPRESSIONS = new ConcurrentHashMap<>();
    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)));

    private Snippets() {
    }

    static Type type(String source) {
        Type parsed = TYPES.get(source);
        if (parsed == null) {
            parsed = PARSER.get().parseType(source).getResult()
                    .orElseThrow(() -> new IllegalArgumentException("not a type: " + source));
            if (TYPES.size() < 10_000) { // bounded: the language server runs for days
                TYPES.put(source, parsed);
            }
        }
        return parsed.clone();
    }

    static Expression expression(String source) {
        Expression parsed = EXPRESSIONS.get(source);
        if (parsed == null) {
            parsed = PARSER.get().parseExpression(source).getResult()
                    .orElseThrow(() -> new IllegalArgumentException("not an expression: " + source));
            if (EXPRESSIONS.size() < 10_000) {
                EXPRESSIONS.put(source, parsed);
            }
        }
        return parsed.clone();
    }
}
