package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF108: two public methods named add; a call names a method by name only, so give each its own. */
@Entity
public class EF108_OverloadedMethod {

    @Key
    private String id;
    private int total;

    public EF108_OverloadedMethod(String id) {
        this.id = id;
    }

    public void add(int x) {
        total += x;
    }

    public void add(int x, int y) { // expect: EF108
        total += x + y;
    }
}
