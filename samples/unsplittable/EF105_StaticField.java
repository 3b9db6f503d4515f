package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF105: a static non-final field; state shared by all entities of a type cannot be partitioned. */
@Entity
public class EF105_StaticField {

    static int counter = 0; // expect: EF105
    static final int LIMIT = 10;

    @Key
    private String id;

    public EF105_StaticField(String id) {
        this.id = id;
    }

    public int limit() {
        return LIMIT;
    }
}
