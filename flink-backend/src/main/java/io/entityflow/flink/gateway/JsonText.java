package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON value as error messages quote it: compact, and cut short when long. */
final class JsonText {
    private static final int LIMIT = 60;

    private JsonText() {
    }

    static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() <= LIMIT ? text : text.substring(0, LIMIT) + "...";
    }

    /** An article and a noun for a JSON value's kind: "an object", "a string"... */
    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        } else if (node.isArray()) {
            return "an array";
        } else if (node.isTextual()) {
            return "a string";
        } else if (node.isNumber()) {
            return "a number";
        } else if (node.isBoolean()) {
            return "a boolean";
        } else if (node.isNull()) {
            return "null";
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
