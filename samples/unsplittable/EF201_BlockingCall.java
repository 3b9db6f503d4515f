package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.EntityException;
import io.entityflow.api.Key;

/** EF201 (warning): sleeping in an entity blocks every other entity processed by the same task. */
@Entity
public class EF201_BlockingCall {

    @Key
    private String id;

    public EF201_BlockingCall(String id) {
        this.id = id;
    }

    public void nap() {
        try {
            Thread.sleep(10); // expect: EF201
        } catch (InterruptedException e) {
            throw new EntityException("interrupted", e);
        }
    }
}
