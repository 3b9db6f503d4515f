package io.entityflow.ir.testing;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls on the identity program (src/test/resources/identity) shared by the runtimes compared with plain
 * Java: aliases across split points, the program's own exceptions across calls, {@code this} leaving
 * its entity. Each call's result, exception and the final state must equal plain Java's.
 */
public final class IdentityScripts {
    /** R's methods that take the P to call; each is called twice, so the second sees the first's writes. */
    public static final List<String> ALIAS_METHODS = List.of("fieldAlias", "fieldAlias2", "inner", "same", "chain",
            "aliasAcrossTwoCalls", "arrays", "mapOfLists", "recordHoldingList", "newObjectIntoState", "sameReference",
            "referenceAfterCall");

    private IdentityScripts() {
    }

    public static void createAll(DifferentialWorld world, String suffix) {
        world.create("P", "p" + suffix);
        world.create("R", "r" + suffix, world.ref("P", "p" + suffix));
    }

    /** Every alias method of one R, twice, with the results plain Java gives (checked against it as well). */
    public static void aliases(DifferentialWorld world, String suffix) {
        Object p = world.ref("P", "p" + suffix);
        for (int round = 0; round < 2; round++) {
            for (String method : ALIAS_METHODS) {
                world.call("R", "r" + suffix, method, p);
            }
            world.call("R", "r" + suffix, "referenceThroughObject");
        }
    }

    /** The examples of the issue, with the values plain Java gives spelled out. */
    public static void issueExamples(DifferentialWorld world) {
        createAll(world, "x");
        Object p = world.ref("P", "px");
        assertThat(world.call("R", "rx", "fieldAlias", p).value()).isEqualTo(1);
        assertThat(world.call("R", "rx", "fieldAlias2", p).value()).isEqualTo(2);
        assertThat(world.call("R", "rx", "inner", p).value()).isEqualTo(1);
        assertThat(world.call("R", "rx", "same", p).value()).isEqualTo(true);
        assertThat(world.call("R", "rx", "chain", p).value()).isEqualTo("a7;");
        assertThat(world.call("R", "rx", "referenceThroughObject").value()).isEqualTo(true);
        assertThat(world.call("R", "rx", "referenceAfterCall", p).value()).isEqualTo(true);
    }

    public static void exceptions(DifferentialWorld world) {
        world.create("Shelf", "a", 5);
        world.create("Shelf", "b", 2);
        world.create("Picker", "k");
        Object a = world.ref("Shelf", "a");
        Object b = world.ref("Shelf", "b");
        assertThat(world.call("Picker", "k", "pick", b, 1).value()).isEqualTo(0);
        assertThat(world.call("Picker", "k", "pick", b, 3).value()).isEqualTo(2);
        assertThat(world.call("Picker", "k", "checked", a, 5).value()).isEqualTo(102);
        assertThat(world.call("Picker", "k", "checked", a, -2).value()).isEqualTo(-1);
        assertThat(world.call("Picker", "k", "checked", a, 1).value()).isEqualTo(0);
        assertThat(world.call("Picker", "k", "bySuperclass", a, 6).value()).isEqualTo(31);
        assertThat(world.call("Picker", "k", "bySuperclass", a, -1).value()).isEqualTo(-10);
        assertThat(world.call("Picker", "k", "threeHops", a, b, 4).value()).isEqualTo("b is short by 3 / b / 3");
        assertThat(world.call("Picker", "k", "threeHops", a, b, 1).value()).isEqualTo("took 1000");
        assertThat(world.call("Picker", "k", "causeAndSuppressed", a).value())
                .isEqualTo("boom <- ArithmeticException:inner suppressed 1:suppressed");
        Outcome uncaught = world.call("Picker", "k", "uncaught", a, 50);
        assertThat(uncaught.exceptionType()).isEqualTo("identity.OutOfStock");
        assertThat(uncaught.exceptionMessage()).isEqualTo("a is short by 45");
    }

    public static void thisLeaving(DifferentialWorld world) {
        world.create("Cell", "c1");
        world.create("Cell", "c2");
        Object c1 = world.ref("Cell", "c1");
        Object c2 = world.ref("Cell", "c2");
        world.call("Cell", "c1", "introduce", c2);
        assertThat(world.call("Cell", "c1", "introduceAll", c2).value()).isEqualTo(3);
        world.call("Cell", "c2", "introducePair", c1);
        assertThat(world.call("Cell", "c2", "knows", c1).value()).isEqualTo(true);
        assertThat(world.call("Cell", "c2", "isKnownBy", c1).value()).isEqualTo(true);
        assertThat(world.call("Cell", "c1", "isKnownBy", c1).value()).isEqualTo(false);
    }
}
