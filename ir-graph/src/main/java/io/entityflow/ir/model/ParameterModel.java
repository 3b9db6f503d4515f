package io.entityflow.ir.model;

/** A method parameter as declared: its name and source type. */
public record ParameterModel(String name, String type) {
}
