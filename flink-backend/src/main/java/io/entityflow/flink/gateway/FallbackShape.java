package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * A type the gateway has no shape of its own for (one the analysis accepts but this class does not model,
 * or one it could not resolve): Jackson binds it. Messages are Jackson's, without its source excerpts.
 */
final class FallbackShape implements ValueShape {
    private final JavaType type;
    private final ObjectMapper mapper;

    FallbackShape(JavaType type, ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    @Override
    public Object read(JsonNode node) {
        try {
            return mapper.readerFor(type).readValue(mapper.treeAsTokens(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadValueException("expected " + describe() + ", got " + JsonText.of(node) + " (" + e.getOriginalMessage() + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw new BadValueException("expected " + describe() + ", got " + JsonText.of(node));
        }
    }

    @Override
    public String describe() {
        return type.getRawClass() == Object.class ? "a value" : type.toCanonical();
    }

    @Override
    public Class<?> javaClass() {
        return type.getRawClass();
    }
}
