package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.inspector.api.InspectorError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The page's filter over an entity's fields: comparisons {@code field op value} joined by {@code and} and
 * {@code or} (and binds tighter), with parentheses. Operators {@code = != < <= > >=} and {@code ~} (contains,
 * ignoring case); values are numbers, quoted text, {@code true}, {@code false}, {@code null}; a field may be
 * a path into a record ({@code address.city}) or {@code key}. {@code stock < 10}, {@code name ~ "an"},
 * {@code paid = false and total > 100}. A malformed filter is a 400 naming the position.
 */
public final class Filter {
    private final Node root;
    private final String text;

    private Filter(Node root, String text) {
        this.root = root;
        this.text = text;
    }

    /** Matches everything. */
    public static Filter all() {
        return new Filter(null, "");
    }

    /**
     * @param fields the type's field names (a filter naming another field is refused)
     */
    public static Filter parse(String text, Set<String> fields) {
        if (text == null || text.isBlank()) {
            return all();
        }
        Parser parser = new Parser(text, fields);
        Node root = parser.or();
        parser.skipSpaces();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.pos) + "'");
        }
        return new Filter(root, text);
    }

    public boolean matches(String key, JsonNode fields) {
        return root == null || root.test(key, fields);
    }

    public boolean isAll() {
        return root == null;
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Node {
        boolean test(String key, JsonNode fields);
    }

    private record Or(List<Node> parts) implements Node {
        public boolean test(String key, JsonNode fields) {
            return parts.stream().anyMatch(p -> p.test(key, fields));
        }
    }

    private record And(List<Node> parts) implements Node {
        public boolean test(String key, JsonNode fields) {
            return parts.stream().allMatch(p -> p.test(key, fields));
        }
    }

    private record Comparison(List<String> path, String op, Object literal) implements Node {
        public boolean test(String key, JsonNode fields) {
            JsonNode value;
            if (path.size() == 1 && path.get(0).equals("key")) {
                value = com.fasterxml.jackson.databind.node.TextNode.valueOf(key);
            } else {
                value = fields;
                for (String step : path) {
                    value = value == null ? null : value.get(step);
                }
            }
            if (op.equals("~")) {
                String needle = String.valueOf(literal).toLowerCase(Locale.ROOT);
                return value != null && !value.isNull() && (value.isTextual() ? value.asText() : value.toString())
                        .toLowerCase(Locale.ROOT).contains(needle);
            }
            int order;
            if (literal == null || value == null || value.isNull()) {
                boolean bothNull = literal == null && (value == null || value.isNull());
                return op.equals("=") ? bothNull : op.equals("!=") && !bothNull;
            } else if (literal instanceof BigDecimal number) {
                if (!value.isNumber()) {
                    return op.equals("!=");
                }
                order = value.decimalValue().compareTo(number);
            } else if (literal instanceof Boolean flag) {
                if (!value.isBoolean()) {
                    return op.equals("!=");
                }
                order = Boolean.compare(value.asBoolean(), flag);
            } else {
                if (!value.isTextual()) {
                    return op.equals("!="); // text compares with text only: 1 is not "1"
                }
                order = value.asText().compareTo((String) literal);
            }
            return switch (op) {
                case "=" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
    }

    private static final class Parser {
        private final String text;
        private final Set<String> fields;
        private int pos;

        Parser(String text, Set<String> fields) {
            this.text = text;
            this.fields = fields;
        }

        Node or() {
            List<Node> parts = new ArrayList<>(List.of(and()));
            while (keyword("or")) {
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        Node and() {
            List<Node> parts = new ArrayList<>(List.of(primary()));
            while (keyword("and")) {
                parts.add(primary());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        Node primary() {
            skipSpaces();
            if (peek('(')) {
                pos++;
                Node inner = or();
                skipSpaces();
                if (!peek(')')) {
                    throw error("expected ')'");
                }
                pos++;
                return inner;
            }
            int start = pos;
            List<String> path = new ArrayList<>();
            path.add(identifier());
            while (peek('.')) {
                pos++;
                path.add(identifier());
            }
            if (!path.get(0).equals("key") && !fields.contains(path.get(0))) {
                pos = start;
                throw error("no field '" + path.get(0) + "' (fields: " + String.join(", ", fields) + ", key)");
            }
            String op = operator();
            return new Comparison(path, op, literal());
        }

        String identifier() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isJavaIdentifierPart(text.charAt(pos)))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a field name");
            }
            return text.substring(start, pos);
        }

        String operator() {
            skipSpaces();
            for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">", "~"}) {
                if (text.startsWith(op, pos)) {
                    pos += op.length();
                    return op;
                }
            }
            throw error("expected one of = != < <= > >= ~");
        }

        Object literal() {
            skipSpaces();
            if (pos >= text.length()) {
                throw error("expected a value");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                int end = text.indexOf(c, pos + 1);
                if (end < 0) {
                    throw error("unterminated text");
                }
                String value = text.substring(pos + 1, end);
                pos = end + 1;
                return value;
            }
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ')') {
                pos++;
            }
            String word = text.substring(start, pos);
            switch (word) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    try {
                        return new BigDecimal(word);
                    } catch (NumberFormatException e) {
                        pos = start;
                        throw error("'" + word + "' is no value: quote text (\"" + word + "\"), or write a number, true, false or null");
                    }
            }
        }

        boolean keyword(String word) {
            skipSpaces();
            if (text.regionMatches(true, pos, word, 0, word.length())
                    && (pos + word.length() == text.length() || !Character.isJavaIdentifierPart(text.charAt(pos + word.length())))) {
                pos += word.length();
                return true;
            }
            return false;
        }

        boolean peek(char c) {
            skipSpaces();
            return pos < text.length() && text.charAt(pos) == c;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        InspectorError error(String message) {
            return InspectorError.badRequest("bad_filter", "filter at column " + (pos + 1) + ": " + message);
        }
    }
}
