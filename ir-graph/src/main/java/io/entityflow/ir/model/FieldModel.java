package io.entityflow.ir.model;

import com.github.javaparser.ast.body.VariableDeclarator;

/** A state field of an entity; {@code entityType} is the referenced entity's name when it holds a reference. */
public record FieldModel(String name, String type, String entityType, VariableDeclarator declarator) {
}
