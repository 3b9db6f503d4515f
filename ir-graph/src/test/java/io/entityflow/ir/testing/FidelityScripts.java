package io.entityflow.ir.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls on the fidelity program (src/test/resources/fidelity), with the results plain Java gives, shared
 * by the runtimes compared with plain Java.
 */
public final class FidelityScripts {
    private FidelityScripts() {
    }

    public static void run(DifferentialWorld world) {
        world.create("B", "b");
        world.create("B", "c");
        world.create("A", "a", world.ref("B", "b"));
        assertThat(world.call("A", "a", "generic", "s").value()).isEqualTo(9);
        assertThat(world.call("A", "a", "patternInOneBlock", 2, false).value()).isEqualTo(2);
        assertThat(world.call("A", "a", "patternInOneBlock", 2, true).value()).isEqualTo(-1);
        assertThat(world.call("A", "a", "patternAcrossSplit", 2, false).value()).isEqualTo(2);
        assertThat(world.call("A", "a", "patternAcrossSplit", 5, false).value()).isEqualTo(-1);
        assertThat(world.call("A", "a", "patternAcrossSplit", 1, true).value()).isEqualTo(-1);
        assertThat(world.call("A", "a", "flowScopedPattern", "abcd", false).value()).isEqualTo(7);
        assertThat(world.call("A", "a", "flowScopedPattern", "abcd", true).value()).isEqualTo(0);
        assertThat(world.call("A", "a", "patternOnComputedValue", "n").value()).isEqualTo(20);
        assertThat(world.call("A", "a", "patternOnComputedValue", "s").value()).isEqualTo(7);
        assertThat(world.call("A", "a", "patternOnComputedValue", "x").value()).isEqualTo(-1);
        assertThat(world.call("A", "a", "patternOnRemoteResult").value()).isEqualTo(6);
        assertThat(world.call("A", "a", "sameAfterCall").value()).isEqualTo(true);
        assertThat(world.call("A", "a", "nestedEnum", true).value()).isEqualTo(-3);
        assertThat(world.call("A", "a", "anonymousThis").value()).isEqualTo(4);
        assertThat(world.call("A", "a", "varargs").value()).isEqualTo(609);
        assertThat(world.call("A", "a", "varargsText").value()).isEqualTo("p:a+b|q:");
        assertThat(world.call("A", "a", "privateVarargs").value()).isEqualTo(53);
        assertThat(world.call("A", "a", "enums", "LOW").value()).isEqualTo(3);
        assertThat(world.call("A", "a", "enums", "HIGH").value()).isEqualTo(31);
        assertThat(world.call("A", "a", "inferred").value()).isEqualTo(6);
        assertThat(world.call("A", "a", "groupsOfReferences", world.ref("B", "c")).value()).isEqualTo(105);
        world.call("A", "a", "lambdasOverValues");
        assertThat(world.call("A", "a", "lambdasOverValues").value()).isEqualTo("[9, 6, 3],[9, 6, 3]");
        world.call("B", "b", "sum", (Object) new int[] {1, 2});
    }

}
