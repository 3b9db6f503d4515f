package io.entityflow.cli.bench;

import io.entityflow.cli.bench.Caller.FailedOperation;
import io.entityflow.ir.runtime.EntityRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The checkout sample's items, users and orders as plain objects behind {@link Caller}, answering at once,
 * with the sample's rules (a checkout takes one unit per line and the total, or refuses and changes nothing).
 * Faults can be switched on to see the checkout workload's check fail.
 */
final class InMemoryShop implements Caller {
    private final Map<String, long[]> stock = new HashMap<>();
    private final Map<String, long[]> credit = new HashMap<>();
    private final Map<String, Order> orders = new HashMap<>();
    /** Every n-th checkout pays but leaves the stock untouched (0: never). */
    int halfApplyEveryNth;
    /** Every n-th checkout takes effect but answers as refused (0: never). */
    int lieEveryNth;
    private long checkouts;

    private static final class Order {
        final String user;
        final List<String> items = new ArrayList<>();
        boolean paid;

        Order(String user) {
            this.user = user;
        }
    }

    @Override
    public synchronized CompletableFuture<Object> create(String type, Object... args) {
        String key = (String) args[0];
        switch (type) {
            case Shop.ITEM -> stock.put(key, new long[1]);
            case Shop.USER -> credit.put(key, new long[1]);
            case Shop.ORDER -> orders.put(key, new Order((String) ((EntityRef) args[1]).key()));
            default -> throw new IllegalArgumentException(type);
        }
        return CompletableFuture.completedFuture(new EntityRef(type, key));
    }

    @Override
    public synchronized CompletableFuture<Object> call(EntityRef target, String method, Object... args) {
        String key = (String) target.key();
        Object result = switch (method) {
            case "addStock" -> stock.get(key)[0] += (Integer) args[0];
            case "addFunds" -> credit.get(key)[0] += (Integer) args[0];
            case "addItem" -> orders.get(key).items.add((String) ((EntityRef) args[0]).key());
            case "getStock" -> (int) stock.get(key)[0];
            case "getCredit" -> (int) credit.get(key)[0];
            case "isPaid" -> orders.get(key).paid;
            case "checkout" -> {
                checkouts++;
                Order order = orders.get(key);
                if (order.paid) {
                    yield new FailedOperation("EntityException: order " + key + " is already paid", null, true);
                }
                if (halfApplyEveryNth == 0 || checkouts % halfApplyEveryNth != 0) {
                    order.items.forEach(item -> stock.get(item)[0]--);
                }
                credit.get(order.user)[0] -= order.items.size() * (long) CheckoutWorkload.ITEM_PRICE;
                order.paid = true;
                yield lieEveryNth != 0 && checkouts % lieEveryNth == 0
                        ? new FailedOperation("EntityException: refused", null, true) : null;
            }
            default -> throw new IllegalArgumentException("no method " + method);
        };
        return result instanceof FailedOperation failure ? CompletableFuture.failedFuture(failure)
                : CompletableFuture.completedFuture(result);
    }
}
