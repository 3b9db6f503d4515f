package io.entityflow.ir.testing;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Call sequences on the samples, shared by the runtimes that are compared with plain Java. */
public final class SampleScripts {
    private SampleScripts() {
    }

    /** The seed example: a user buys an item, once successfully, then refused for lack of stock. */
    public static void shopBuyItem(DifferentialWorld shop) {
        shop.create("User", "ann");
        shop.create("Item", "book", 1);
        shop.call("User", "ann", "deposit", 10);
        shop.call("Item", "book", "updateStock", 3);
        assertThat(shop.call("User", "ann", "buyItem", 2, shop.ref("Item", "book")).value()).isEqualTo(true);
        assertThat(shop.call("User", "ann", "buyItem", 5, shop.ref("Item", "book")).value()).isEqualTo(false);
    }

    /** Three users and items with random funds and stock, then orders checked out (some refused). */
    public static void randomCheckouts(DifferentialWorld checkout, long seed, int orders) {
        Random random = new Random(seed);
        for (int i = 0; i < 3; i++) {
            checkout.create("User", "u" + i);
            checkout.call("User", "u" + i, "addFunds", random.nextInt(30));
            checkout.create("Item", "i" + i, 1 + random.nextInt(5));
            checkout.call("Item", "i" + i, "addStock", random.nextInt(6));
        }
        for (int o = 0; o < orders; o++) {
            checkout.create("Order", "o" + o, checkout.ref("User", "u" + random.nextInt(3)));
            for (int l = random.nextInt(3); l >= 0; l--) {
                checkout.call("Order", "o" + o, "addItem", checkout.ref("Item", "i" + random.nextInt(3)), 1 + random.nextInt(3));
            }
            checkout.call("Order", "o" + o, "checkout");
            checkout.call("Order", "o" + o, "getLines");
        }
    }
}
