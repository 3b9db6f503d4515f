package fidelity;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Constructs `check` admits, each around a remote call, that must mean what Java means. */
@Entity
public class A {
    @Key
    private String id;
    private B peer;
    private final Map<String, List<B>> groups = new HashMap<>();
    private final List<String> log = new ArrayList<>();

    public A(String id, B peer) {
        this.id = id;
        this.peer = peer;
    }

    /** A nested enum: its `this` is the constant, not the entity. */
    enum Side {
        LEFT, RIGHT;

        int sign() {
            return this == LEFT ? -1 : 1;
        }
    }

    public int nestedEnum(boolean left) {
        Side side = left ? Side.LEFT : Side.RIGHT;
        int n = peer.n();
        return side.sign() * n;
    }

    public int anonymousThis() {
        int n = peer.n();
        java.util.function.IntSupplier supplier = new java.util.function.IntSupplier() {
            @Override
            public int getAsInt() {
                Object me = this;
                return me instanceof java.util.function.IntSupplier ? 1 : 0;
            }
        };
        return supplier.getAsInt() + n;
    }

    private <T> List<T> twice(T x) {
        peer.n();
        return List.of(x, x);
    }

    public int generic(String s) {
        return twice(s).size() + twice(7).get(1);
    }

    public int patternInOneBlock(int x, boolean asText) {
        Object num = asText ? "t" + x : x;
        int n = peer.n();
        if (num instanceof Integer i && i < n) {
            return i;
        }
        return -1;
    }

    public int patternAcrossSplit(int x, boolean asText) {
        Object num = asText ? "t" + x : x;
        if (num instanceof Integer i && i < peer.n()) {
            return i;
        }
        return -1;
    }

    public int flowScopedPattern(String text, boolean asNumber) {
        Object value = asNumber ? (Object) text.length() : text;
        if (!(value instanceof String s)) {
            return 0;
        }
        int k = peer.n();
        return s.length() + k;
    }

    private Object lookup(String key) {
        return key.equals("n") ? (Object) 2 : key.equals("s") ? "text" : null;
    }

    public int patternOnComputedValue(String key) {
        if (lookup(key) instanceof Integer i && i < peer.n()) {
            return i * 10;
        }
        if (lookup(key) instanceof String text) {
            int n = peer.n();
            return text.length() + n;
        }
        return -1;
    }

    public int patternOnRemoteResult() {
        Object sum = null;
        if ((sum = peer.sum(1, 2)) instanceof Integer total && total > 2) {
            return total + peer.n();
        }
        return -1;
    }

    public boolean sameAfterCall() {
        Object x = peer;
        peer.n();
        return x == peer;
    }

    public int varargs() {
        return peer.sum(1, 2, 3) * 100 + peer.sum() * 10 + peer.sum(new int[] {4, 5});
    }

    public String varargsText() {
        return peer.label("p:", "a", "b") + "|" + peer.label("q:");
    }

    private int total(int... xs) {
        return peer.n() + xs.length;
    }

    public int privateVarargs() {
        return total(1, 2) * 10 + total();
    }

    public int enums(String name) {
        Level level = Level.valueOf(name);
        int n = peer.n();
        return switch (level) {
            case LOW -> level.weigh(n);
            case HIGH -> level.weigh(n) + 1;
        };
    }

    public int inferred() {
        var list = new ArrayList<Integer>();
        list.add(peer.n());
        var total = list.stream().mapToInt(Integer::intValue).sum();
        return total + peer.n();
    }

    public int groupsOfReferences(B other) {
        groups.computeIfAbsent("g", g -> new ArrayList<>()).add(other);
        List<B> g = groups.get("g");
        int n = g.get(0).n();
        g.add(peer);
        Optional<B> first = g.stream().findFirst();
        return n + g.size() + (first.isPresent() && first.get() == other ? 100 : 0);
    }

    public String lambdasOverValues() {
        List<Integer> xs = new ArrayList<>(List.of(3, 1, 2));
        int n = peer.n();
        xs.sort((a, b) -> Integer.compare(b, a));
        xs.replaceAll(v -> v * n);
        log.add(String.valueOf(xs));
        return String.join(",", log);
    }
}
