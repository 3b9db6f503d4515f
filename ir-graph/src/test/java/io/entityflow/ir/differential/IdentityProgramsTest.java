package io.entityflow.ir.differential;

import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.IdentityScripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * The identity program (src/test/resources/identity) split and run in memory against plain Java: aliases
 * across split points, the program's exceptions across calls, {@code this} leaving its entity. The Flink
 * job runs the same scripts in flink-backend's IdentityIT.
 */
class IdentityProgramsTest {
    private DifferentialWorld world;

    @BeforeEach
    void load() {
        world = DifferentialWorld.of(Path.of("src", "test", "resources", "identity"));
    }

    @Test
    void theIssueExamplesKeepJavasIdentity() {
        IdentityScripts.issueExamples(world);
        world.assertSameState();
    }

    @Test
    void everyAliasKeepsItsObject() {
        IdentityScripts.createAll(world, "1");
        IdentityScripts.aliases(world, "1");
        world.assertSameState();
    }

    @Test
    void exceptionsCrossCallsAsThemselves() {
        IdentityScripts.exceptions(world);
        world.assertSameState();
    }

    @Test
    void thisLeavesAsAReference() {
        IdentityScripts.thisLeaving(world);
        world.assertSameState();
    }
}
