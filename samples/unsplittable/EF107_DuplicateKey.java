package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF107: two @Key fields; an entity has exactly one key. */
@Entity
public class EF107_DuplicateKey {

    @Key private String id;
    @Key private String other; // expect: EF107

    public EF107_DuplicateKey(String id, String other) {
        this.id = id;
        this.other = other;
    }
}
