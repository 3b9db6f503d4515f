package io.entityflow.cli.bench;

import io.entityflow.ir.runtime.EntityRef;

import java.util.concurrent.CompletableFuture;

/**
 * The entities of {@code samples/checkout} as the checkout workload uses them: items, users and orders keyed
 * {@code "0"}, {@code "1"}, … as the WDM course's {@code batch_init} routes key them, so the course's
 * {@code /orders/checkout/{order_id}} reaches the orders the bench created.
 */
final class Shop {
    static final String ITEM = "checkout.Item";
    static final String USER = "checkout.User";
    static final String ORDER = "checkout.Order";
    private final Caller caller;

    Shop(Caller caller) {
        this.caller = caller;
    }

    static EntityRef item(int index) {
        return new EntityRef(ITEM, String.valueOf(index));
    }

    static EntityRef user(int index) {
        return new EntityRef(USER, String.valueOf(index));
    }

    static EntityRef order(int index) {
        return new EntityRef(ORDER, String.valueOf(index));
    }

    CompletableFuture<Object> createItem(int index, int price, int stock) {
        return caller.create(ITEM, String.valueOf(index), price)
                .thenCompose(created -> caller.call(item(index), "addStock", stock));
    }

    CompletableFuture<Object> createUser(int index, int credit) {
        return caller.create(USER, String.valueOf(index))
                .thenCompose(created -> caller.call(user(index), "addFunds", credit));
    }

    /** An order of {@code user} with one line of quantity 1 per item in {@code items} (an item may repeat). */
    CompletableFuture<Object> createOrder(int index, int user, int[] items) {
        CompletableFuture<Object> order = caller.create(ORDER, String.valueOf(index), user(user));
        for (int item : items) {
            order = order.thenCompose(previous -> caller.call(order(index), "addItem", item(item), 1));
        }
        return order;
    }

    CompletableFuture<Object> checkout(int order) {
        return caller.call(order(order), "checkout");
    }

    CompletableFuture<Object> stock(int item) {
        return caller.call(item(item), "getStock");
    }

    CompletableFuture<Object> credit(int user) {
        return caller.call(user(user), "getCredit");
    }

    CompletableFuture<Object> paid(int order) {
        return caller.call(order(order), "isPaid");
    }
}
