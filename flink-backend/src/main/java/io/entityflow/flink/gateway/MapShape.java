package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/** A map: a JSON object whose field names are read as keys (text) and whose values with the value shape. */
final class MapShape implements ValueShape {
    private final Class<?> declared;
    private final String name;
    private final Supplier<Map<Object, Object>> factory;
    private final ValueShape key;
    private final ValueShape value;

    MapShape(Class<?> declared, Supplier<Map<Object, Object>> factory, ValueShape key, ValueShape value) {
        this.declared = declared;
        this.name = declared.getSimpleName() + "<" + key.describe() + ", " + value.describe() + ">";
        this.factory = factory;
        this.key = key;
        this.value = value;
    }

    @Override
    public Object read(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ValueShape.expected("an object (" + name + ")", node);
        }
        Map<Object, Object> map = factory.get();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String step = "[" + JsonText.of(com.fasterxml.jackson.databind.node.TextNode.valueOf(field.getKey())) + "]";
            Object k;
            try {
                k = key.readText(field.getKey());
            } catch (BadValueException e) {
                throw new BadValueException("the key " + e.problem()).at(step);
            }
            try {
                map.put(k, value.read(field.getValue()));
            } catch (BadValueException e) {
                throw e.at(step);
            }
        }
        return map;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public Class<?> javaClass() {
        return declared;
    }
}
