package io.entityflow.flink.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's routes (the entity API's and those a program contributes), found by walking the request path
 * segment by segment from the left: at each segment a literal before a {@code {name}}, so {@code /stock/find/all}
 * wins over {@code /stock/find/{id}} whatever the order they were declared in (and {@code /a/{x}/{y}} over
 * {@code /{p}/b/c} for {@code /a/b/c}: the leftmost difference decides). Javalin would try each registered route's regular expression in turn, allocating a
 * matcher per try: with the checkout sample's 21 routes that was 30% of everything the gateway allocated under
 * load (docs/benchmarks.md, "Fourth session"), and a program's every request paid for every route declared
 * before its own.
 *
 * @param <H> what a route leads to
 */
final class RouteTable<H> {
    /** The handler of a matched route and its path parameters, decoded. */
    record Match<H>(H handler, String pattern, Map<String, String> params) {
    }

    private record Route<H>(H handler, String pattern, List<String> paramNames) {
    }

    private static final class Node<H> {
        private final Map<String, Node<H>> literals = new HashMap<>();
        private Node<H> param;
        private final Map<String, Route<H>> byMethod = new HashMap<>();
    }

    private final Node<H> root = new Node<>();
    private int size;

    /**
     * Adds a route. Its path starts with {@code /}; each segment is literal text or one {@code {name}}.
     *
     * @throws IllegalArgumentException for a malformed path, a name used twice in it, or a route whose method
     *                                  and shape (literals and parameter positions) another route already has
     */
    void add(String method, String path, H handler) {
        List<String> segments = segments(path);
        if (segments == null) {
            throw new IllegalArgumentException("route " + method + " " + path + ": a path starts with / and has no empty segment");
        }
        Node<H> node = root;
        List<String> names = new ArrayList<>();
        for (String segment : segments) {
            String name = paramName(segment);
            if (name != null) {
                if (names.contains(name)) {
                    throw new IllegalArgumentException("route " + method + " " + path + " names {" + name + "} twice");
                }
                names.add(name);
                if (node.param == null) {
                    node.param = new Node<>();
                }
                node = node.param;
            } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0 || segment.indexOf('<') >= 0
                    || segment.indexOf('>') >= 0 || segment.indexOf('*') >= 0) {
                throw new IllegalArgumentException("route " + method + " " + path + ": segment '" + segment
                        + "' is neither literal text nor one {name} (no braces, <, > or * inside a segment)");
            } else {
                node = node.literals.computeIfAbsent(segment, s -> new Node<>());
            }
        }
        Route<H> existing = node.byMethod.get(method);
        if (existing != null) {
            throw new IllegalArgumentException("route " + method + " " + path + " matches the same paths as "
                    + method + " " + existing.pattern());
        }
        node.byMethod.put(method, new Route<>(handler, path, List.copyOf(names)));
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * The route for {@code method} and the raw (still percent-encoded) request {@code path}, if any.
     *
     * @throws IllegalArgumentException when a parameter's value is not valid percent-encoding
     */
    Optional<Match<H>> find(String method, String path) {
        List<String> segments = segments(path);
        if (segments == null) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>(4);
        Route<H> route = find(root, segments, 0, method, values);
        if (route == null) {
            return Optional.empty();
        }
        if (route.paramNames().isEmpty()) {
            return Optional.of(new Match<>(route.handler(), route.pattern(), Collections.emptyMap()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            params.put(route.paramNames().get(i), decode(values.get(i)));
        }
        return Optional.of(new Match<>(route.handler(), route.pattern(), params));
    }

    /** Depth first, a literal child before the parameter child; {@code values} holds the parameters on the way. */
    private Route<H> find(Node<H> node, List<String> segments, int index, String method, List<String> values) {
        if (index == segments.size()) {
            return node.byMethod.get(method);
        }
        String segment = segments.get(index);
        Node<H> literal = node.literals.get(segment);
        if (literal != null) {
            Route<H> found = find(literal, segments, index + 1, method, values);
            if (found != null) {
                return found;
            }
        }
        if (node.param != null) {
            values.add(segment);
            Route<H> found = find(node.param, segments, index + 1, method, values);
            if (found != null) {
                return found;
            }
            values.remove(values.size() - 1);
        }
        return null;
    }

    /** The segments of {@code /a/b} (a trailing slash ignored, as Javalin does), or null for a malformed path. */
    private static List<String> segments(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        int end = path.length();
        if (end > 1 && path.charAt(end - 1) == '/') {
            if (path.charAt(end - 2) == '/') {
                return null; // one trailing slash is ignored, an empty last segment is not
            }
            end--;
        }
        List<String> segments = new ArrayList<>(4);
        int start = 1;
        while (start < end) {
            int slash = path.indexOf('/', start);
            int stop = slash < 0 || slash > end ? end : slash;
            if (stop == start) {
                return null;
            }
            segments.add(path.substring(start, stop));
            start = stop + 1;
        }
        return segments;
    }

    private static String paramName(String segment) {
        if (segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}') {
            String name = segment.substring(1, segment.length() - 1);
            if (name.indexOf('{') < 0 && name.indexOf('}') < 0) {
                return name;
            }
        }
        return null;
    }

    /** Percent-decoding that keeps {@code +} (a path is not a form), as Javalin's path parameters did. */
    private static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
