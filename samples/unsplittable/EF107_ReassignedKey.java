package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF107: a method reassigns the key; an entity's address never changes, create a new entity instead. */
@Entity
public class EF107_ReassignedKey {

    @Key
    private String id;

    public EF107_ReassignedKey(String id) {
        this.id = id;
    }

    public void rename(String newId) {
        this.id = newId; // expect: EF107
    }
}
