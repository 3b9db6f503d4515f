package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.flink.gateway.spi.GatewayError;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Something a client can invoke on an entity type, a method or a constructor, with its parameters as the
 * source declares them. Turns the JSON arguments of a request into the Java arguments the generated code
 * takes, or refuses them with a message that names the operation, the argument and what was wrong.
 *
 * @param displayName {@code shop.User.buyItem}, or {@code new shop.Item} for a constructor
 * @param result      the shape of the result, null for void methods and constructors
 */
record Operation(String displayName, List<Parameter> parameters, ValueShape result) {

    /** One declared parameter: name, type as written in the source, and how to read it. */
    record Parameter(String name, String sourceType, ValueShape shape) {
        @Override
        public String toString() {
            return sourceType + " " + name;
        }
    }

    Operation {
        parameters = List.copyOf(parameters);
    }

    /** {@code (int amount, Item item)} */
    String signature() {
        return parameters.stream().map(Parameter::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** @throws GatewayError 400 {@code wrong_argument_count} or {@code bad_argument} */
    Object[] arguments(List<JsonNode> args) {
        if (args.size() != parameters.size()) {
            throw wrongCount(args.size());
        }
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            Parameter parameter = parameters.get(i);
            try {
                values[i] = parameter.shape().read(args.get(i));
            } catch (BadValueException e) {
                throw new GatewayError(400, "bad_argument", "argument " + (i + 1) + " (" + parameter.name() + ") of "
                        + displayName + (e.where().isEmpty() ? "" : " at " + e.where()) + ": " + e.problem());
            }
        }
        return values;
    }

    /** {@code shop.User.buyItem takes 2 arguments (int amount, Item item), got 1} */
    GatewayError wrongCount(int got) {
        return new GatewayError(400, "wrong_argument_count", displayName + " takes " + count() + ", got " + got);
    }

    private String count() {
        return switch (parameters.size()) {
            case 0 -> "no arguments";
            case 1 -> "1 argument " + signature();
            default -> parameters.size() + " arguments " + signature();
        };
    }
}
