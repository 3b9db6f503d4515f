package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF103: a remote call inside a synchronized block; a monitor cannot be held across a split point. */
@Entity
public class EF103_RemoteCallInSynchronized {

    @Key
    private String id;
    private Wallet wallet;
    private int calls;

    public EF103_RemoteCallInSynchronized(String id, Wallet wallet) {
        this.id = id;
        this.wallet = wallet;
    }

    public void pay() {
        synchronized (this) {
            calls++;
            wallet.add(1); // expect: EF103
        }
    }
}
