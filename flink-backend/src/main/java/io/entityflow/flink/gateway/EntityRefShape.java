package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.ir.runtime.EntityRef;

import java.util.Iterator;
import java.util.function.Supplier;

/**
 * A value of an entity type: a reference. JSON gives it as the bare key ({@code "book"}, {@code 7}) or
 * as {@code {"type":"shop.Item","key":"book"}}, the form results use; either way the key is converted to
 * the type of the entity's {@code @Key} field, so the reference equals the one the entity has.
 */
final class EntityRefShape implements ValueShape {
    private final String entityType;
    private final String simpleName;
    private final Supplier<ValueShape> key;

    /** @param key the shape of the entity's key field; supplied lazily, entities may refer to each other */
    EntityRefShape(String entityType, Supplier<ValueShape> key) {
        this.entityType = entityType;
        this.simpleName = entityType.substring(entityType.lastIndexOf('.') + 1);
        this.key = key;
    }

    @Override
    public Object read(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return readObject(node);
        }
        if (!node.isValueNode()) {
            throw wrongForm(node);
        }
        try {
            return new EntityRef(entityType, key.get().read(node));
        } catch (BadValueException notAKey) {
            throw wrongForm(node);
        }
    }

    private EntityRef readObject(JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && !name.equals("key")) {
                throw new BadValueException("a reference to " + entityType + " has only the fields type and key, not " + name);
            }
        }
        JsonNode type = node.get("type");
        if (type != null && !(type.isTextual() && (type.textValue().equals(entityType) || type.textValue().equals(simpleName)))) {
            throw new BadValueException("expected a reference to " + entityType + ", got a reference to " + JsonText.of(type));
        }
        JsonNode keyNode = node.get("key");
        if (keyNode == null || keyNode.isNull()) {
            throw new BadValueException("a reference to " + entityType + " needs its key");
        }
        try {
            return new EntityRef(entityType, key.get().read(keyNode));
        } catch (BadValueException e) {
            throw e.at(".key");
        }
    }

    private BadValueException wrongForm(JsonNode node) {
        return ValueShape.expected("a key of " + entityType + " (" + key.get().describe() + ") or {\"type\":\""
                + entityType + "\",\"key\":...}", node);
    }

    @Override
    public Object readText(String text) {
        return new EntityRef(entityType, key.get().readText(text));
    }

    @Override
    public String describe() {
        return entityType;
    }

    @Override
    public Class<?> javaClass() {
        return EntityRef.class;
    }
}
