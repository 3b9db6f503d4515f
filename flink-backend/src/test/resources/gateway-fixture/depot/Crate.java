package depot;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** Gateway test fixture: an entity with a long key. */
@Entity
public class Crate {
    @Key
    private long id;
    private int size;

    public Crate(long id, int size) {
        this.id = id;
        this.size = size;
    }

    public int getSize() {
        return size;
    }
}
