package io.entityflow.ir.split;

import io.entityflow.ir.diag.SourceRange;

/**
 * A local of a split method: a parameter, a declared local or a temporary that holds a value across a
 * split point. {@code javaName} is unique within the method (generated code hoists all locals);
 * {@code displayName} is what users see in the graph (the source name, or {@code $n} for temporaries);
 * {@code declaredAt} is the declaration of a local, or the expression a temporary holds.
 */
public record Var(int id, String javaName, String displayName, String javaType, boolean temporary,
                  SourceRange declaredAt) {
}
