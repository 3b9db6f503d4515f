package io.entityflow.ir.codegen;

/** One generated compilation unit: the qualified name of its main type and its Java source. */
public record GeneratedSource(String qualifiedName, String source) {
}
