package identity;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** The other side of every remote call of R: counts its calls and answers 7. */
@Entity
public class P {
    @Key
    private String id;
    private int calls;

    public P(String id) {
        this.id = id;
    }

    public int n() {
        calls++;
        return 7;
    }

    /** Slow on purpose (EF201 warns): a failure test needs a checkpoint to complete while a caller waits. */
    public int nap() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        calls++;
        return 5;
    }
}
