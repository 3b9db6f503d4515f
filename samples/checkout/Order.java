package checkout;

import io.entityflow.api.Entity;
import io.entityflow.api.EntityException;
import io.entityflow.api.Key;
import io.entityflow.api.ReadOnly;
import io.entityflow.api.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The order service of the TU Delft WDM course shop. An order belongs to a user and collects item
 * lines; {@link #checkout} takes the stock of every line and the payment from the user in one
 * transaction, so a missing item or too little credit leaves every stock and the credit untouched.
 */
@Entity
public class Order {

    @Key
    private String orderId;
    private User user;
    private List<OrderLine> lines;
    private boolean paid;
    private int totalCost;

    public Order(String orderId, User user) {
        this.orderId = orderId;
        this.user = user;
        this.lines = new ArrayList<>();
    }

    public void addItem(Item item, int quantity) {
        if (quantity <= 0) {
            throw new EntityException("quantity must be positive");
        }
        // Ask for the price first: other calls may run on this order while we wait for the answer,
        // so the state is checked and changed only after it.
        int price = item.getPrice();
        if (paid) {
            throw new EntityException("order " + orderId + " is already paid");
        }
        lines.add(new OrderLine(item, quantity));
        totalCost += price * quantity;
    }

    @Transactional
    public void checkout() {
        if (paid) {
            throw new EntityException("order " + orderId + " is already paid");
        }
        // One remote call per line (warning EF202): the lines are known only at run time.
        for (OrderLine line : lines) {
            Item item = line.item();
            item.subtractStock(line.quantity());
        }
        user.pay(totalCost);
        paid = true;
    }

    @ReadOnly
    public boolean isPaid() {
        return paid;
    }

    @ReadOnly
    public int getTotalCost() {
        return totalCost;
    }

    @ReadOnly
    public User getUser() {
        return user;
    }

    /** The lines in the order they were added; an item added twice appears twice. */
    @ReadOnly
    public List<OrderLine> getLines() {
        return List.copyOf(lines);
    }

    /** The item of every line (references, serialised as item ids), in the order they were added. */
    @ReadOnly
    public List<Item> getItems() {
        List<Item> items = new ArrayList<>();
        for (OrderLine line : lines) {
            items.add(line.item());
        }
        return items;
    }
}
