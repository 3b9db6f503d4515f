package tricky;

import io.entityflow.api.Entity;
import io.entityflow.api.EntityException;
import io.entityflow.api.Key;

import java.util.ArrayList;
import java.util.List;

/** A callee with state, exceptions and calls back into its caller (recursion across entities). */
@Entity
public class Node {
    @Key
    private String name;
    private long value;
    private Node next;
    private List<Node> children = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    public Node(String name, long value) {
        this.name = name;
        this.value = value;
    }

    public long get() {
        return value;
    }

    public long add(long delta) {
        value += delta;
        log.add("add " + delta);
        return value;
    }

    public boolean isPositive() {
        log.add("isPositive");
        return value > 0;
    }

    public long failIf(long limit) {
        if (value > limit) {
            throw new EntityException(name + " is above " + limit);
        }
        return value;
    }

    public int divide(int by) {
        return (int) value / by; // ArithmeticException when by == 0
    }

    public void link(Node other) {
        next = other;
        children.add(other);
    }

    public Node getNext() {
        return next;
    }

    /** Walks the chain of nodes: recursion through other entities, one hop per node. */
    public long sumChain(int depth) {
        if (next == null || depth == 0) {
            return value;
        }
        return value + next.sumChain(depth - 1);
    }

    /** Calls back the caller while the caller is suspended in its own method. */
    public long pingBack(Node caller) {
        return caller.add(1) + value;
    }

    public List<String> getLog() {
        return log;
    }
}
