package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF202 (warning): a remote call in a loop costs one round trip per iteration. */
@Entity
public class EF202_RemoteCallInLoop {

    @Key
    private String id;
    private Wallet wallet;

    public EF202_RemoteCallInLoop(String id, Wallet wallet) {
        this.id = id;
        this.wallet = wallet;
    }

    public void spread(int times) {
        for (int i = 0; i < times; i++) {
            wallet.add(i); // expect: EF202
        }
    }
}
