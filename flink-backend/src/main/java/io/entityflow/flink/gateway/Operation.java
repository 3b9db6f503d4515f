package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.GatewayError;

import java.util.List;
import java.util.function.Function;
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
            JsonNode arg = args.get(i);
            values[i] = argument(i, shape -> shape.read(arg));
        }
        return values;
    }

    /**
     * Java arguments from route code, converted as their JSON form would be; except that text given for a
     * single value (a number, boolean, enum or entity key) is parsed, since route code has it from a URL.
     *
     * @throws GatewayError 400 {@code wrong_argument_count} or {@code bad_argument}
     */
    Object[] javaArguments(Object[] args, ObjectMapper mapper) {
        Object[] given = args == null ? new Object[0] : args;
        if (given.length != parameters.size()) {
            throw wrongCount(given.length);
        }
        Object[] values = new Object[given.length];
        for (int i = 0; i < values.length; i++) {
            Object arg = given[i];
            values[i] = argument(i, shape -> arg instanceof String text && (shape instanceof ScalarShape || shape instanceof EntityRefShape)
                    ? shape.readText(text) : shape.read(json(arg, mapper)));
        }
        return values;
    }

    private static JsonNode json(Object value, ObjectMapper mapper) {
        try {
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new BadValueException("a " + value.getClass().getName() + " has no JSON form");
        }
    }

    private Object argument(int index, Function<ValueShape, Object> read) {
        Parameter parameter = parameters.get(index);
        try {
            return read.apply(parameter.shape());
        } catch (BadValueException e) {
            throw new GatewayError(400, "bad_argument", "argument " + (index + 1) + " (" + parameter.name() + ") of "
                    + displayName + (e.where().isEmpty() ? "" : " at " + e.where()) + ": " + e.problem());
        }
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
