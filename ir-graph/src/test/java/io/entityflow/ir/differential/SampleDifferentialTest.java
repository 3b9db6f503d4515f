package io.entityflow.ir.differential;

import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.Outcome;
import io.entityflow.ir.testing.SampleScripts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The samples run as plain Java and as split code: same results, same exceptions, same final state. */
class SampleDifferentialTest {
    private static final Path SAMPLES = Path.of("..", "samples");

    @Test
    void shopBuyItemScripted() {
        DifferentialWorld world = DifferentialWorld.of(SAMPLES.resolve("shop"));
        SampleScripts.shopBuyItem(world);
        assertThat(world.call("User", "ann", "buyItem", 50, world.ref("Item", "book")).value()).isEqualTo(false);
        world.create("User", "ann");
        world.assertSameState();
    }

    @Test
    void shopRandomSequences() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            DifferentialWorld world = DifferentialWorld.of(SAMPLES.resolve("shop"));
            for (int u = 0; u < 3; u++) {
                world.create("User", "u" + u);
                world.create("Item", "i" + u, random.nextInt(5));
            }
            for (int step = 0; step < 60; step++) {
                String user = "u" + random.nextInt(3);
                String item = "i" + random.nextInt(3);
                switch (random.nextInt(4)) {
                    case 0 -> world.call("User", user, "deposit", random.nextInt(20));
                    case 1 -> world.call("Item", item, "updateStock", random.nextInt(10) - 3);
                    default -> world.call("User", user, "buyItem", random.nextInt(4), world.ref("Item", item));
                }
            }
            world.assertSameState();
        }
    }

    @Test
    void checkoutScriptedWithRefusals() {
        DifferentialWorld world = DifferentialWorld.of(SAMPLES.resolve("checkout"));
        world.create("User", "u1");
        world.call("User", "u1", "addFunds", 100);
        world.create("Item", "apple", 3);
        world.create("Item", "pear", 5);
        world.call("Item", "apple", "addStock", 10);
        world.call("Item", "pear", "addStock", 1);
        world.create("Order", "o1", world.ref("User", "u1"));
        world.call("Order", "o1", "addItem", world.ref("Item", "apple"), 2);
        world.call("Order", "o1", "addItem", world.ref("Item", "pear"), 1);
        Outcome paid = world.call("Order", "o1", "checkout");
        assertThat(paid.failed()).isFalse();
        Outcome again = world.call("Order", "o1", "checkout");
        assertThat(again.failed()).as("a paid order cannot be checked out again").isTrue();
        world.create("Order", "o2", world.ref("User", "u1"));
        world.call("Order", "o2", "addItem", world.ref("Item", "pear"), 1);
        Outcome noStock = world.call("Order", "o2", "checkout");
        assertThat(noStock.exceptionType()).isEqualTo("io.entityflow.api.EntityException");
        world.call("Order", "o1", "getTotalCost");
        world.call("Order", "o1", "getItems");
        world.assertSameState();
    }

    @Test
    void checkoutRandomSequences() {
        for (long seed = 1; seed <= 15; seed++) {
            DifferentialWorld world = DifferentialWorld.of(SAMPLES.resolve("checkout"));
            SampleScripts.randomCheckouts(world, seed, 8);
            world.assertSameState();
        }
    }

    @Test
    void ycsbTransfersAndChains() {
        Random random = new Random(7);
        DifferentialWorld world = DifferentialWorld.of(SAMPLES.resolve("ycsb"));
        for (int a = 0; a < 5; a++) {
            world.create("Account", "a" + a, 100L);
        }
        for (int step = 0; step < 200; step++) {
            String from = "a" + random.nextInt(5);
            String to = "a" + random.nextInt(5);
            switch (random.nextInt(5)) {
                case 0 -> world.call("Account", from, "update", "payload-" + step);
                case 1 -> world.call("Account", from, "read");
                case 2 -> world.call("Account", from, "chain", world.ref("Account", to), world.ref("Account", "a0"));
                default -> world.call("Account", from, "transfer", world.ref("Account", to), (long) random.nextInt(80));
            }
        }
        world.assertSameState();
    }
}
