package identity;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;
import io.entityflow.api.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Object identity across split points: locals that name the entity's own objects (a field, an element of
 * a field, a record's list), locals that name each other, builders in a chain, arrays, references.
 * Every method makes a remote call between taking the alias and using it.
 */
@Entity
public class R {
    @Key
    private String id;
    private final List<Integer> items = new ArrayList<>();
    private final List<List<Integer>> nested = new ArrayList<>();
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private int[] counters = new int[3];
    private Box box = new Box("b", new ArrayList<>());
    private P peer;

    public R(String id, P peer) {
        this.id = id;
        this.peer = peer;
        nested.add(new ArrayList<>());
    }

    public int fieldAlias(P p) {
        List<Integer> l = items;
        l.add(p.n());
        return items.size();
    }

    public int fieldAlias2(P p) {
        List<Integer> l = items;
        int x = p.n();
        l.add(x);
        return items.size();
    }

    public int inner(P p) {
        List<Integer> in = nested.get(0);
        int x = p.n();
        in.add(x);
        return nested.get(0).size();
    }

    public boolean same(P p) {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = a;
        p.n();
        return a == b;
    }

    public String chain(P p) {
        StringBuilder sb = new StringBuilder();
        sb.append("a").append(p.n()).append(";");
        return sb.toString();
    }

    public int aliasAcrossTwoCalls(P p) {
        List<Integer> l = items;
        l.add(p.n());
        List<Integer> m = l;
        m.add(p.n() + 1);
        return items.size() * 100 + (l == m ? 1 : 0);
    }

    public int arrays(P p) {
        int[] c = counters;
        c[0] += p.n();
        int[] d = c;
        d[1]++;
        return counters[0] * 10 + counters[1];
    }

    public int mapOfLists(P p) {
        List<Integer> l = byName.computeIfAbsent("k", k -> new ArrayList<>());
        l.add(p.n());
        return byName.get("k").size();
    }

    public int recordHoldingList(P p) {
        Box b = box;
        b.values().add(p.n());
        return box.values().size() + (b == box ? 1000 : 0);
    }

    public int newObjectIntoState(P p) {
        List<Integer> fresh = new ArrayList<>();
        nested.add(fresh);
        fresh.add(p.n());
        return nested.get(nested.size() - 1).size();
    }

    public boolean sameReference(P p) {
        P q = p;
        p.n();
        return q == p;
    }

    public boolean referenceThroughObject() {
        Object x = peer;
        peer.n();
        return x == peer;
    }

    public boolean referenceAfterCall(P p) {
        int seven = p.n();
        return seven == 7 && p == peer;
    }

    /** Two slow calls with an alias of a field and of a new object held across both. */
    public int twiceSlow(P p) {
        List<Integer> l = items;
        List<Integer> fresh = new ArrayList<>();
        nested.add(fresh);
        l.add(p.nap());
        fresh.add(1);
        l.add(p.nap());
        fresh.add(2);
        return items.size() * 100 + nested.get(nested.size() - 1).size() * 10 + (l == items ? 1 : 0);
    }

    /** An alias of a field written across a call inside a transaction that may roll back. */
    @Transactional
    public int aliasInTransaction(P p, boolean fail) {
        List<Integer> l = items;
        l.add(p.n());
        int[] c = counters;
        c[2] += p.n();
        if (fail) {
            throw new IllegalStateException("rolled back with " + items.size() + " items");
        }
        return items.size() * 100 + counters[2];
    }
}
