package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a value of one declared type of the program is read from JSON into the Java value the generated
 * code expects (entity types as {@link io.entityflow.ir.runtime.EntityRef}). Reading is strict and
 * explains itself: a value that does not fit throws {@link BadValueException} saying what was expected.
 */
interface ValueShape {

    /** @throws BadValueException when {@code node} is not a value of this type */
    Object read(JsonNode node);

    /** The type as messages name it: {@code int}, {@code List<Item>}, {@code checkout.OrderLine}. */
    String describe();

    /** The class values of this type have in the generated code (for arrays of them). */
    Class<?> javaClass();

    /** Reads the value from text: a JSON object's field name used as a map key, or a key in a URL. */
    default Object readText(String text) {
        throw new BadValueException("a " + describe() + " cannot be written as text (a map key or a URL segment)");
    }

    static BadValueException expected(String what, JsonNode got) {
        return new BadValueException("expected " + what + ", got " + JsonText.of(got));
    }
}
