package checkout;

import io.entityflow.api.gateway.Entities;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.api.gateway.GatewayRoutes;
import io.entityflow.api.gateway.GatewayRouting;
import io.entityflow.api.gateway.RouteRequest;
import io.entityflow.api.gateway.RouteResponse;
import io.entityflow.ir.runtime.EntityRef;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The HTTP API of the TU Delft WDM course (stock, payment and order services) on the entity gateway, so
 * the course's benchmark clients run unchanged against this program. Every route is one or a few entity
 * calls; {@link Order#checkout} is the transaction. Refusals of entity code answer 4xx, as the course
 * expects.
 */
public final class WdmRoutes implements GatewayRoutes {
    /** How many steps of a batch_init run at once. */
    private static final int IN_FLIGHT = 2048;


    @Override
    public void register(GatewayRouting routing) {
        Entities entities = routing.entities();
        // stock
        routing.post("/stock/item/create/{price}", request -> {
            String id = UUID.randomUUID().toString();
            return entities.create("Item", id, intParam(request, "price"))
                    .thenApply(key -> RouteResponse.ok(Map.of("item_id", key)));
        });
        routing.post("/stock/add/{item_id}/{amount}", request -> entities
                .call("Item", request.pathParam("item_id"), "addStock", intParam(request, "amount"))
                .thenApply(done -> message("stock added")));
        routing.post("/stock/subtract/{item_id}/{amount}", request -> entities
                .call("Item", request.pathParam("item_id"), "subtractStock", intParam(request, "amount"))
                .thenApply(done -> message("stock subtracted")));
        routing.get("/stock/find/{item_id}", request -> entities.state("Item", request.pathParam("item_id"))
                .thenApply(item -> RouteResponse.ok(Map.of("stock", item.get("stock"), "price", item.get("price")))));
        routing.post("/stock/batch_init/{n}/{starting_stock}/{item_price}", request -> {
            int stock = intParam(request, "starting_stock");
            int price = intParam(request, "item_price");
            return forEach(intParam(request, "n"), i -> entities.create("Item", String.valueOf(i), price)
                    .thenCompose(key -> entities.call("Item", key, "addStock", stock)))
                    .thenApply(done -> message("Batch init for stock successful"));
        });
        // payment
        routing.post("/payment/create_user", request -> entities.create("User", UUID.randomUUID().toString())
                .thenApply(key -> RouteResponse.ok(Map.of("user_id", key))));
        routing.post("/payment/add_funds/{user_id}/{amount}", request -> entities
                .call("User", request.pathParam("user_id"), "addFunds", intParam(request, "amount"))
                .thenApply(done -> RouteResponse.ok(Map.of("done", true))));
        routing.post("/payment/pay/{user_id}/{amount}", request -> entities
                .call("User", request.pathParam("user_id"), "pay", intParam(request, "amount"))
                .thenApply(done -> message("payment done")));
        routing.get("/payment/find_user/{user_id}", request -> entities.state("User", request.pathParam("user_id"))
                .thenApply(user -> RouteResponse.ok(Map.of("user_id", user.get("userId"), "credit", user.get("credit")))));
        routing.post("/payment/batch_init/{n}/{starting_money}", request -> {
            int money = intParam(request, "starting_money");
            return forEach(intParam(request, "n"), i -> entities.create("User", String.valueOf(i))
                    .thenCompose(key -> entities.call("User", key, "addFunds", money)))
                    .thenApply(done -> message("Batch init for users successful"));
        });
        // orders
        routing.post("/orders/create/{user_id}", request -> entities
                .create("Order", UUID.randomUUID().toString(), request.pathParam("user_id"))
                .thenApply(key -> RouteResponse.ok(Map.of("order_id", key))));
        routing.post("/orders/addItem/{order_id}/{item_id}/{quantity}", request -> entities
                .call("Order", request.pathParam("order_id"), "addItem", request.pathParam("item_id"), intParam(request, "quantity"))
                .thenApply(done -> message("item added")));
        routing.post("/orders/checkout/{order_id}", request -> entities
                .call("Order", request.pathParam("order_id"), "checkout")
                .thenApply(done -> message("Checkout successful")));
        routing.get("/orders/find/{order_id}", request -> entities.state("Order", request.pathParam("order_id"))
                .thenApply(order -> RouteResponse.ok(findOrder(request.pathParam("order_id"), order))));
        routing.post("/orders/batch_init/{n}/{n_items}/{n_users}/{item_price}", request -> {
            int items = intParam(request, "n_items");
            int users = intParam(request, "n_users");
            // not in the course's API: ?first=K makes orders K..K+n-1, so a load can add fresh orders as it goes
            int firstId = intQueryParam(request, "first", 0);
            Random random = new Random();
            // as the course's service does: each order belongs to a random user and holds two random items
            return forEach(intParam(request, "n"), i -> {
                String id = String.valueOf(firstId + i);
                String user = String.valueOf(random.nextInt(users));
                String first = String.valueOf(random.nextInt(items));
                String second = String.valueOf(random.nextInt(items));
                return entities.create("Order", id, user)
                        .thenCompose(key -> entities.call("Order", key, "addItem", first, 1))
                        .thenCompose(done -> entities.call("Order", id, "addItem", second, 1));
            }).thenApply(done -> message("Batch init for orders successful"));
        });
    }

    private static Map<String, Object> findOrder(String orderId, Map<String, Object> order) {
        List<List<Object>> items = new ArrayList<>();
        for (Object line : (List<?>) order.get("lines")) {
            items.add(List.of(keyOf(component(line, "item")), component(line, "quantity")));
        }
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("order_id", orderId);
        found.put("paid", order.get("paid"));
        found.put("items", items);
        found.put("user_id", keyOf(order.get("user")));
        found.put("total_cost", order.get("totalCost"));
        return found;
    }

    /** A record component read by name (state values come from the running program's classes). */
    private static Object component(Object record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    component.getAccessor().setAccessible(true);
                    return component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + name + " of " + record, e);
                }
            }
        }
        throw new IllegalStateException(record + " has no component " + name);
    }

    private static Object keyOf(Object reference) {
        return reference instanceof EntityRef ref ? ref.key() : reference;
    }

    private static int intParam(RouteRequest request, String name) {
        return integer(request.pathParam(name), name);
    }

    private static int intQueryParam(RouteRequest request, String name, int absent) {
        return request.queryParam(name).map(text -> integer(text, "query parameter " + name)).orElse(absent);
    }

    private static int integer(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new GatewayError(400, "bad_argument", what + " must be an integer, got \"" + text + "\"");
        }
    }

    private static RouteResponse message(String text) {
        return RouteResponse.ok(Map.of("msg", text));
    }

    /**
     * Runs {@code action} for 0..n-1 with up to {@value #IN_FLIGHT} running at a time — a sliding window: each one
     * that completes starts the next, so a batch never waits for its slowest member and its checkpoint as lock-step
     * windows did — and completes when all have, or with the first failure.
     */
    private static CompletableFuture<Void> forEach(int n, java.util.function.IntFunction<CompletionStage<?>> action) {
        if (n < 0) {
            throw new GatewayError(400, "bad_argument", "n must not be negative, got " + n);
        }
        CompletableFuture<Void> all = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= n || all.isDone()) {
                return;
            }
            CompletionStage<?> step;
            try {
                step = action.apply(i);
            } catch (RuntimeException e) {
                all.completeExceptionally(e);
                return;
            }
            CompletableFuture<?> future = step.toCompletableFuture();
            // a step done already runs its callback in this call: start its successor elsewhere, not deeper in the stack
            boolean doneAlready = future.isDone();
            future.whenComplete((result, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(failure);
                } else if (done.incrementAndGet() == n) {
                    all.complete(null);
                } else if (doneAlready) {
                    CompletableFuture.runAsync(startNext[0]);
                } else {
                    startNext[0].run();
                }
            });
        };
        if (n == 0) {
            all.complete(null);
        }
        for (int k = 0; k < Math.min(n, IN_FLIGHT); k++) {
            startNext[0].run();
        }
        return all;
    }
}
