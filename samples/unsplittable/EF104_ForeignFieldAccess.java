package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF104: reading another entity's field directly; its state lives elsewhere, call a getter instead. */
@Entity
public class EF104_ForeignFieldAccess {

    @Key
    private String id;
    private Wallet wallet;

    public EF104_ForeignFieldAccess(String id, Wallet wallet) {
        this.id = id;
        this.wallet = wallet;
    }

    public int peek() {
        return wallet.amount; // expect: EF104
    }
}
