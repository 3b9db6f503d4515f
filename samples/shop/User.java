package shop;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;
import io.entityflow.api.ReadOnly;
import io.entityflow.api.Transactional;

/**
 * A shopper with a balance: the StateFlow seed example in Java. {@link #buyItem} asks the item for its
 * price and takes stock out of it, two remote calls, so the compiler splits it into three blocks; being
 * {@code @Transactional}, the whole purchase commits on both entities or on neither.
 */
@Entity
public class User {

    @Key
    private String username;
    private int balance = 1;

    public User(String username) {
        this.username = username;
    }

    @ReadOnly
    public int getBalance() {
        return balance;
    }

    public void deposit(int amount) {
        balance += amount;
    }

    @Transactional
    public boolean buyItem(int amount, Item item) {
        int totalPrice = amount * item.getPrice();
        if (balance < totalPrice) {
            return false;
        }
        // Decrease the stock.
        boolean available = item.updateStock(-amount);
        if (!available) {
            item.updateStock(amount);
            return false;
        }
        balance -= totalPrice;
        return true;
    }
}
