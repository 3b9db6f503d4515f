package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A record of the program: a JSON object with exactly its components, each read with the component's
 * declared type (so an entity reference inside a record is converted like one in an argument). Built
 * through the canonical constructor, so the record's own checks run and their refusal is reported.
 */
final class RecordShape implements ValueShape {
    private final Class<?> type;
    private final String name;
    private final List<String> components;
    private final Supplier<List<ValueShape>> shapes;
    private volatile Constructor<?> constructor;

    /** @param shapes the components' shapes in declaration order; lazily, a record may contain itself */
    RecordShape(Class<?> type, Supplier<List<ValueShape>> shapes) {
        this.type = type;
        this.name = type.getName().replace('$', '.');
        this.components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        this.shapes = shapes;
    }

    @Override
    public Object read(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ValueShape.expected("an object with the fields " + String.join(", ", components) + " (" + name + ")", node);
        }
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!components.contains(field)) {
                throw new BadValueException(name + " has no field " + field + "; its fields: " + String.join(", ", components));
            }
        }
        List<ValueShape> componentShapes = shapes.get();
        Object[] values = new Object[components.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(components.get(i));
            if (value == null) {
                throw new BadValueException("missing field " + components.get(i) + " of " + name);
            }
            try {
                values[i] = componentShapes.get(i).read(value);
            } catch (BadValueException e) {
                throw e.at("." + components.get(i));
            }
        }
        return construct(values);
    }

    private Object construct(Object[] values) {
        try {
            return canonicalConstructor().newInstance(values);
        } catch (InvocationTargetException refused) {
            Throwable cause = refused.getCause();
            throw new BadValueException(name + " refused these values: " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct record " + name, e);
        }
    }

    private Constructor<?> canonicalConstructor() throws NoSuchMethodException {
        Constructor<?> canonical = constructor;
        if (canonical == null) {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            constructor = canonical;
        }
        return canonical;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public Class<?> javaClass() {
        return type;
    }

    @Override
    public String toString() {
        return name + Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
