package tricky;

import io.entityflow.api.Entity;
import io.entityflow.api.EntityException;
import io.entityflow.api.Key;

import java.util.ArrayList;
import java.util.List;

/** Every splitting construct of ARCHITECTURE §3, each in its own method, against `Node`s. */
@Entity
public class Prober {
    @Key
    private String id;
    private long total;
    private int count;
    private Node a;
    private Node b;
    private List<Node> nodes = new ArrayList<>();
    private List<String> trace = new ArrayList<>();

    public Prober(String id, Node a, Node b) {
        this.id = id;
        this.a = a;
        this.b = b;
        nodes.add(a);
        nodes.add(b);
    }

    /** Evaluation order: the field is read before the call, which may change it through pingBack-style effects. */
    public long evaluationOrder(long x) {
        total = 5;
        long r = total + a.add(x) * b.add(x) - total++;
        total += a.add(total) + total;
        return r + total;
    }

    public long shortCircuit(long x) {
        long hits = 0;
        if (a.isPositive() && b.add(x) > 10) {
            hits += 1;
        }
        if (a.get() > 100 || b.isPositive()) {
            hits += 10;
        }
        if (!(a.isPositive() && !b.isPositive())) {
            hits += 100;
        }
        boolean both = a.get() > x && b.get() > x;
        long pick = x > 2 ? a.add(1) : b.add(-1);
        return hits + (both ? 1000 : 0) + pick;
    }

    public long loops(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a.add(i);
        }
        int j = 0;
        while (j < n && b.get() < 1_000) {
            sum += b.add(j++);
        }
        int guard = 0;
        do {
            sum -= a.add(-1);
        } while (a.get() > 50 && ++guard < 5);
        for (Node node : nodes) {
            sum += node.get();
        }
        int[] steps = {1, 2, 3};
        for (int step : steps) {
            sum += a.add(step);
        }
        return sum;
    }

    public String labelled(int n) {
        StringBuilder path = new StringBuilder();
        outer:
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                long v = a.add(1);
                if (v % 3 == 0) {
                    path.append("c").append(i).append(k).append(' ');
                    continue outer;
                }
                if (v % 7 == 0) {
                    path.append("b").append(i).append(k).append(' ');
                    break outer;
                }
                if (k == 2) {
                    break;
                }
            }
            path.append("i").append(i).append(' ');
        }
        return path.toString().trim();
    }

    public String switches(int selector, String word) {
        String out = "";
        switch (selector % 4) {
            case 0:
                out += "zero:" + a.add(1);
            case 1:
                out += "one:" + b.add(2);
                break;
            case 2: {
                out += "two";
                return out + a.get();
            }
            default:
                out += "other:" + a.add(selector);
        }
        switch (word) {
            case "x", "y" -> out += "|xy" + b.get();
            case "z" -> out += "|z";
            default -> out += "|" + word.length();
        }
        long scaled = switch (selector % 3) {
            case 0 -> a.add(10);
            case 1 -> {
                long t = b.add(20);
                yield t * 2;
            }
            default -> 0;
        };
        return out + "|" + scaled;
    }

    public long earlyReturn(long x) {
        if (a.add(x) > 20) {
            return -1;
        }
        for (int i = 0; i < 5; i++) {
            if (b.add(i) > 30) {
                return i;
            }
        }
        return a.get() + b.get();
    }

    public long nestedRemote(long x) {
        return a.add(b.add(a.get() + x)) + b.add(a.add(1) - b.get());
    }

    public String tryCatchFinally(long limit) {
        trace.clear();
        try {
            trace.add("try");
            a.failIf(limit);
            trace.add("after a");
            b.failIf(limit);
            trace.add("after b");
        } catch (EntityException e) {
            trace.add("caught " + e.getMessage() + " " + a.get());
        } finally {
            trace.add("finally " + b.add(1));
        }
        try {
            trace.add("divide " + a.divide((int) (limit % 2)));
        } catch (ArithmeticException e) {
            trace.add("arithmetic " + e.getMessage());
        }
        return String.join(",", trace);
    }

    public long returnThroughFinally(long limit) {
        try {
            count++;
            return a.failIf(limit) + total;
        } finally {
            count += 10;
            total = b.add(count);
        }
    }

    public long propagates(long limit) {
        long before = a.get();
        long value = b.failIf(limit);
        total = before + value;
        return total;
    }

    public long nestedTry(long limit) {
        long result = 0;
        try {
            try {
                result += a.failIf(limit);
            } finally {
                result += 100;
                count++;
            }
            result += b.failIf(limit);
        } catch (RuntimeException e) {
            result = -result - a.add(1);
        }
        return result;
    }

    /** A suspending local method called in an expression and recursively. */
    public long localSuspending(int n) {
        return helper(n) + 2 * helper(n - 1);
    }

    private long helper(int n) {
        if (n <= 0) {
            return a.get();
        }
        return b.add(n) + helper(n - 1);
    }

    public long recursionAcross(int depth) {
        a.link(b);
        b.link(a);
        return a.sumChain(depth);
    }

    public long callBack(Node self) {
        return b.pingBack(a) + a.get();
    }

    public Node makeNode(String name, long value) {
        Node made = new Node(name, value);
        nodes.add(made);
        made.add(total);
        return made;
    }

    public List<Node> references() {
        List<Node> found = new ArrayList<>();
        for (Node node : nodes) {
            if (node.get() % 2 == 0) {
                found.add(node);
            }
        }
        Node next = a.getNext();
        if (next != null) {
            found.add(next);
        }
        return found;
    }

    public long lambdasAroundCalls(long x) {
        long base = a.add(x);
        List<Long> values = new ArrayList<>(List.of(1L, 2L, 3L));
        long sum = values.stream().mapToLong(v -> v * base).sum();
        long more = b.add(sum);
        return values.stream().filter(v -> v < more).count() + base + more;
    }

    /** Entities compare by identity in plain Java; references must give the same answers. */
    public boolean same(Node x) {
        Node first = a;
        return x == first && x != b;
    }

    public boolean sameAfterCall(Node x) {
        long before = a.get();
        return (x == a) == (before >= 0) || x != b;
    }

    /** Boxed operands: Java's numeric promotion unboxes them, and temporaries must follow it. */
    public long boxedArithmetic(long p) {
        Long boxed = p;
        Integer small = 3;
        long t = (a.isPositive() ? 5 : boxed) + 1;
        long u = (count - boxed) + (p - small) + a.get();
        Long kept = a.isPositive() ? boxed : Long.valueOf(7);
        long w = (2 * boxed) + a.get() + (count - boxed) * b.get();
        return t + u + w + kept + b.add(small);
    }

    /** `x op= rhs` reads x before rhs, even when rhs changes x. */
    public long compoundReadsFirst(long x) {
        x -= a.add(x--);
        long y = x;
        y += b.add(y = 5) + y;
        return x * 1000 + y;
    }

    /** Finally blocks nested in finally blocks: one copy of each, however deep (javac-style copies explode). */
    public long deepFinally(long p) {
        try { b.add(6); } catch (EntityException e6) { total += b.get(); } finally { try { b.add(5); } catch (EntityException e5) { total += b.get(); } finally { try { b.add(4); } catch (EntityException e4) { total += b.get(); } finally { try { b.add(3); } catch (EntityException e3) { total += b.get(); } finally { try { b.add(2); } catch (EntityException e2) { total += b.get(); } finally { try { b.add(1); } catch (EntityException e1) { total += b.get(); } finally { a.add(p); } } } } } }
        return total;
    }

    public int getCount() {
        return count;
    }
}
