package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** {@code Optional<T>}: null is empty, anything else a present value of T. */
final class OptionalShape implements ValueShape {
    private final ValueShape value;

    OptionalShape(ValueShape value) {
        this.value = value;
    }

    @Override
    public Object read(JsonNode node) {
        if (node.isNull()) {
            return Optional.empty();
        }
        return Optional.ofNullable(value.read(node));
    }

    @Override
    public String describe() {
        return "Optional<" + value.describe() + ">";
    }

    @Override
    public Class<?> javaClass() {
        return Optional.class;
    }
}
