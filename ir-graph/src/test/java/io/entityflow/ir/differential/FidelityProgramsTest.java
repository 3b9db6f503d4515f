package io.entityflow.ir.differential;

import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.FidelityScripts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;


/**
 * Constructs `check` admits that used to fail in javac or mean something else once split
 * (src/test/resources/fidelity): generic and varargs methods that suspend, varargs remote calls, `==` on
 * references after a call (also through Object), enums with behaviour, switch expressions, `var`,
 * collections of references, lambdas over plain values. Each must equal plain Java.
 */
class FidelityProgramsTest {
    static final Path PROGRAM = Path.of("src", "test", "resources", "fidelity");

    @Test
    void everyConstructMeansWhatJavaMeans() {
        DifferentialWorld world = DifferentialWorld.of(PROGRAM);
        FidelityScripts.run(world);
        world.assertSameState();
    }
}
