package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;
import io.entityflow.api.ReadOnly;

/** EF109: @ReadOnly methods that write state, directly or by calling a writing method. */
@Entity
public class EF109_ReadOnlyWrites {

    @Key
    private String id;
    private int count;

    public EF109_ReadOnlyWrites(String id) {
        this.id = id;
    }

    @ReadOnly
    public int peek() {
        count++; // expect: EF109
        return count;
    }

    @ReadOnly
    public int peekAfterBump() {
        bump(); // expect: EF109
        return count;
    }

    public void bump() {
        count++;
    }
}
