package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Primitives, their boxes, String, enums and the other single values the language allows (big numbers,
 * UUID, java.time). Numbers must be JSON numbers that fit the type exactly: {@code "5"}, {@code 1.5} for an
 * int, or 3000000000 for an int are refused rather than coerced, so a client's mistake never becomes a
 * different value in an entity.
 */
final class ScalarShape implements ValueShape {
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private enum Kind { BOOLEAN, INTEGRAL, FLOATING, CHAR, STRING, ENUM, TEXT_PARSED }

    private record Spec(Kind kind, String name, long min, long max, Function<Object, Object> convert) {
    }

    private static final Map<Class<?>, Spec> SPECS = Map.ofEntries(
            integral(int.class, "int", Integer.MIN_VALUE, Integer.MAX_VALUE, n -> ((BigInteger) n).intValue()),
            integral(Integer.class, "Integer", Integer.MIN_VALUE, Integer.MAX_VALUE, n -> ((BigInteger) n).intValue()),
            integral(long.class, "long", Long.MIN_VALUE, Long.MAX_VALUE, n -> ((BigInteger) n).longValue()),
            integral(Long.class, "Long", Long.MIN_VALUE, Long.MAX_VALUE, n -> ((BigInteger) n).longValue()),
            integral(short.class, "short", Short.MIN_VALUE, Short.MAX_VALUE, n -> ((BigInteger) n).shortValue()),
            integral(Short.class, "Short", Short.MIN_VALUE, Short.MAX_VALUE, n -> ((BigInteger) n).shortValue()),
            integral(byte.class, "byte", Byte.MIN_VALUE, Byte.MAX_VALUE, n -> ((BigInteger) n).byteValue()),
            integral(Byte.class, "Byte", Byte.MIN_VALUE, Byte.MAX_VALUE, n -> ((BigInteger) n).byteValue()),
            integral(BigInteger.class, "BigInteger", 0, -1, n -> n),
            floating(double.class, "double", n -> ((BigDecimal) n).doubleValue()),
            floating(Double.class, "Double", n -> ((BigDecimal) n).doubleValue()),
            floating(float.class, "float", n -> ((BigDecimal) n).floatValue()),
            floating(Float.class, "Float", n -> ((BigDecimal) n).floatValue()),
            floating(BigDecimal.class, "BigDecimal", n -> n),
            simple(boolean.class, Kind.BOOLEAN, "boolean"),
            simple(Boolean.class, Kind.BOOLEAN, "Boolean"),
            simple(char.class, Kind.CHAR, "char"),
            simple(Character.class, Kind.CHAR, "Character"),
            simple(String.class, Kind.STRING, "String"),
            parsed(UUID.class, "a UUID", UUID::fromString),
            parsed(Instant.class, "an ISO-8601 instant (2024-01-31T12:00:00Z)", Instant::parse),
            parsed(LocalDate.class, "an ISO-8601 date (2024-01-31)", LocalDate::parse),
            parsed(LocalDateTime.class, "an ISO-8601 date-time (2024-01-31T12:00:00)", LocalDateTime::parse),
            parsed(Duration.class, "an ISO-8601 duration (PT1.5S)", Duration::parse));

    private final Class<?> type;
    private final Spec spec;

    private ScalarShape(Class<?> type, Spec spec) {
        this.type = type;
        this.spec = spec;
    }

    /** The shape of a scalar type, or empty when {@code type} is not one. */
    static Optional<ValueShape> of(Class<?> type) {
        if (type.isEnum()) {
            return Optional.of(new ScalarShape(type, new Spec(Kind.ENUM, type.getName().replace('$', '.'), 0, 0, null)));
        }
        return Optional.ofNullable(SPECS.get(type)).map(spec -> new ScalarShape(type, spec));
    }

    @Override
    public Object read(JsonNode node) {
        if (node.isNull()) {
            if (type.isPrimitive()) {
                throw ValueShape.expected(spec.name(), node);
            }
            return null;
        }
        return switch (spec.kind()) {
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw ValueShape.expected(spec.name(), node);
                }
                yield node.booleanValue();
            }
            case INTEGRAL -> readIntegral(node);
            case FLOATING -> readFloating(node);
            case CHAR -> {
                if (!node.isTextual() || node.textValue().length() != 1) {
                    throw ValueShape.expected(spec.name() + " (a string of one character)", node);
                }
                yield node.textValue().charAt(0);
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw ValueShape.expected(spec.name(), node);
                }
                yield node.textValue();
            }
            case ENUM -> readEnum(node);
            case TEXT_PARSED -> {
                if (!node.isTextual()) {
                    throw ValueShape.expected(spec.name(), node);
                }
                try {
                    yield spec.convert().apply(node.textValue());
                } catch (RuntimeException notParsable) {
                    throw ValueShape.expected(spec.name(), node);
                }
            }
        };
    }

    private Object readIntegral(JsonNode node) {
        if (!node.isIntegralNumber()) {
            throw ValueShape.expected(spec.name(), node);
        }
        BigInteger value = node.bigIntegerValue();
        boolean bounded = spec.min() <= spec.max();
        if (bounded && (value.compareTo(BigInteger.valueOf(spec.min())) < 0 || value.compareTo(BigInteger.valueOf(spec.max())) > 0)) {
            throw new BadValueException(value + " is out of range for " + spec.name() + " (" + spec.min() + " to " + spec.max() + ")");
        }
        return spec.convert().apply(value);
    }

    private Object readFloating(JsonNode node) {
        if (!node.isNumber()) {
            throw ValueShape.expected(spec.name(), node);
        }
        BigDecimal value = node.decimalValue();
        Object converted = spec.convert().apply(value);
        if (converted instanceof Double d && d.isInfinite() || converted instanceof Float f && f.isInfinite()) {
            throw new BadValueException(JsonText.of(node) + " is out of range for " + spec.name());
        }
        return converted;
    }

    private Object readEnum(JsonNode node) {
        Object[] constants = type.getEnumConstants();
        if (node.isTextual()) {
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equals(node.textValue())) {
                    return constant;
                }
            }
        }
        throw ValueShape.expected("one of " + Arrays.stream(constants).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", ")) + " (" + describe() + ")", node);
    }

    /** Text from a URL or a map key: numbers and booleans are parsed, with the same checks as in JSON. */
    @Override
    public Object readText(String text) {
        JsonNode node = TextNode.valueOf(text);
        if (spec.kind() == Kind.INTEGRAL && INTEGER.matcher(text).matches()) {
            node = BigIntegerNode.valueOf(new BigInteger(text));
        } else if (spec.kind() == Kind.FLOATING && DECIMAL.matcher(text).matches()) {
            node = DecimalNode.valueOf(new BigDecimal(text));
        } else if (spec.kind() == Kind.BOOLEAN && (text.equals("true") || text.equals("false"))) {
            node = com.fasterxml.jackson.databind.node.BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        return read(node);
    }

    @Override
    public String describe() {
        return spec.name();
    }

    @Override
    public Class<?> javaClass() {
        return type;
    }

    private static Map.Entry<Class<?>, Spec> integral(Class<?> type, String name, long min, long max, Function<Object, Object> convert) {
        return Map.entry(type, new Spec(Kind.INTEGRAL, name, min, max, convert));
    }

    private static Map.Entry<Class<?>, Spec> floating(Class<?> type, String name, Function<Object, Object> convert) {
        return Map.entry(type, new Spec(Kind.FLOATING, name, 0, 0, convert));
    }

    private static Map.Entry<Class<?>, Spec> simple(Class<?> type, Kind kind, String name) {
        return Map.entry(type, new Spec(kind, name, 0, 0, null));
    }

    private static Map.Entry<Class<?>, Spec> parsed(Class<?> type, String name, Function<String, Object> parse) {
        return Map.entry(type, new Spec(Kind.TEXT_PARSED, name, 0, 0, text -> parse.apply((String) text)));
    }
}
