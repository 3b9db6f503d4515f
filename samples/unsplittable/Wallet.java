package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;
import io.entityflow.api.ReadOnly;

/**
 * A clean helper entity with no diagnostics of its own; the other files call it in ways that cannot be
 * split. {@code amount} is package-private only so that EF104 can show a direct read of it.
 */
@Entity
public class Wallet {

    @Key
    private String id;
    int amount;

    public Wallet(String id) {
        this.id = id;
    }

    @ReadOnly
    public int getAmount() {
        return amount;
    }

    public void add(int x) {
        amount += x;
    }
}
