package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Array;

/** A Java array (also a varargs parameter): a JSON array of elements. */
final class ArrayShape implements ValueShape {
    private final ValueShape element;
    private final Class<?> arrayClass;

    ArrayShape(ValueShape element) {
        this.element = element;
        this.arrayClass = element.javaClass().arrayType();
    }

    @Override
    public Object read(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ValueShape.expected("an array (" + describe() + ")", node);
        }
        Object array = Array.newInstance(element.javaClass(), node.size());
        for (int i = 0; i < node.size(); i++) {
            try {
                Array.set(array, i, element.read(node.get(i)));
            } catch (BadValueException e) {
                throw e.at("[" + i + "]");
            }
        }
        return array;
    }

    @Override
    public String describe() {
        return element.describe() + "[]";
    }

    @Override
    public Class<?> javaClass() {
        return arrayClass;
    }
}
