package shop;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;
import io.entityflow.api.ReadOnly;

/**
 * An item for sale: a price and a stock that never goes below zero. The item side of the StateFlow
 * seed example; {@link User#buyItem} calls it remotely.
 */
@Entity
public class Item {

    @Key
    private String itemId;
    private int stock;
    private int price;

    public Item(String itemId, int price) {
        this.itemId = itemId;
        this.price = price;
    }

    @ReadOnly
    public int getPrice() {
        return price;
    }

    @ReadOnly
    public int getStock() {
        return stock;
    }

    /**
     * Adds {@code amount} (negative to take items out) to the stock. Returns false and changes nothing
     * when the stock would go below zero.
     */
    public boolean updateStock(int amount) {
        if (stock + amount < 0) {
            return false;
        }
        stock += amount;
        return true;
    }
}
