package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/**
 * EF108: private methods that make remote calls are resumed by name when the result arrives, so an
 * overloaded one needs a name of its own.
 */
@Entity
public class EF108_OverloadedSuspendingMethod {

    @Key
    private String id;
    private Wallet wallet;

    public EF108_OverloadedSuspendingMethod(String id, Wallet wallet) {
        this.id = id;
        this.wallet = wallet;
    }

    private int balance() {
        return wallet.getAmount();
    }

    private int balance(int extra) { // expect: EF108
        return wallet.getAmount() + extra;
    }

    public int total() {
        return balance() + balance(1);
    }
}
