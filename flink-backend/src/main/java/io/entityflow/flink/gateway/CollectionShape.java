package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.function.Supplier;

/** A list or set: a JSON array whose elements are read with the element type's shape. */
final class CollectionShape implements ValueShape {
    private final Class<?> declared;
    private final String name;
    private final Supplier<Collection<Object>> factory;
    private final ValueShape element;

    /**
     * @param declared the declared collection class ({@code List}, {@code TreeSet}...)
     * @param factory  a new, mutable collection of a class assignable to {@code declared}
     */
    CollectionShape(Class<?> declared, Supplier<Collection<Object>> factory, ValueShape element) {
        this.declared = declared;
        this.name = declared.getSimpleName() + "<" + element.describe() + ">";
        this.factory = factory;
        this.element = element;
    }

    @Override
    public Object read(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ValueShape.expected("an array (" + name + ")", node);
        }
        Collection<Object> values = factory.get();
        for (int i = 0; i < node.size(); i++) {
            try {
                values.add(element.read(node.get(i)));
            } catch (BadValueException e) {
                throw e.at("[" + i + "]");
            } catch (ClassCastException | IllegalArgumentException | NullPointerException refused) {
                // a TreeSet refuses null or incomparable elements
                throw new BadValueException(name + " cannot hold " + JsonText.of(node.get(i))).at("[" + i + "]");
            }
        }
        return values;
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
