package checkout;

import io.entityflow.api.Entity;
import io.entityflow.api.EntityException;
import io.entityflow.api.Key;
import io.entityflow.api.ReadOnly;

/**
 * The stock service of the TU Delft WDM course shop: one entity per item, holding its stock and its
 * price. Taking out more than there is refuses the call, which aborts the checkout that made it.
 */
@Entity
public class Item {

    @Key
    private String itemId;
    private int stock;
    private int price;

    public Item(String itemId, int price) {
        if (price < 0) {
            throw new EntityException("price must not be negative");
        }
        this.itemId = itemId;
        this.price = price;
    }

    public void addStock(int amount) {
        if (amount < 0) {
            throw new EntityException("amount must not be negative");
        }
        stock += amount;
    }

    public void subtractStock(int amount) {
        if (amount < 0) {
            throw new EntityException("amount must not be negative");
        }
        if (stock < amount) {
            throw new EntityException("item " + itemId + " has not enough stock");
        }
        stock -= amount;
    }

    @ReadOnly
    public int getStock() {
        return stock;
    }

    @ReadOnly
    public int getPrice() {
        return price;
    }
}
