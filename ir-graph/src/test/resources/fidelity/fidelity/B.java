package fidelity;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** The callee: a varargs method, a plain answer, its own toString. */
@Entity
public class B {
    @Key
    private String id;
    private int seen;

    public B(String id) {
        this.id = id;
    }

    public int n() {
        seen++;
        return 3;
    }

    public int sum(int... xs) {
        int total = 0;
        for (int x : xs) {
            total += x;
        }
        seen += xs.length;
        return total;
    }

    public String label(String prefix, String... parts) {
        return prefix + String.join("+", parts);
    }

    @Override
    public String toString() {
        return "B[" + id + "," + seen + "]";
    }
}
