package checkout;

import io.entityflow.api.Entity;
import io.entityflow.api.EntityException;
import io.entityflow.api.Key;
import io.entityflow.api.ReadOnly;

/**
 * The payment service of the TU Delft WDM course shop: one entity per user, holding its credit.
 * Paying more than the credit refuses the call, which aborts the checkout that made it.
 */
@Entity
public class User {

    @Key
    private String userId;
    private int credit;

    public User(String userId) {
        this.userId = userId;
    }

    public void addFunds(int amount) {
        if (amount < 0) {
            throw new EntityException("amount must not be negative");
        }
        credit += amount;
    }

    public void pay(int amount) {
        if (amount < 0) {
            throw new EntityException("amount must not be negative");
        }
        if (credit < amount) {
            throw new EntityException("user " + userId + " has not enough credit");
        }
        credit -= amount;
    }

    @ReadOnly
    public int getCredit() {
        return credit;
    }
}
