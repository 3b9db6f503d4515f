package io.entityflow.flink.job;

import io.entityflow.flink.runtime.FaultInjection;
import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.IdentityScripts;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity program (ir-graph/src/test/resources/identity) as a real Flink job against plain Java:
 * aliases across split points, the program's own exceptions across calls and {@code this} leaving its
 * entity — also when the job fails between a call and its return and resumes from a checkpoint that holds
 * the suspended frame (then its locals must still be the entity's own objects).
 */
class IdentityIT {
    private static final Path PROGRAM = Path.of("..", "ir-graph", "src", "test", "resources", "identity");
    private static MiniCluster cluster;
    private static final List<FlinkWorld> jobs = new ArrayList<>();
    private FlinkWorld job;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestClusters.start(8);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (FlinkWorld running : jobs) {
            running.cancel();
        }
        cluster.close();
    }

    @AfterEach
    void disarm() {
        FaultInjection.disarm();
    }

    private DifferentialWorld onFlink() {
        List<String> entityTypes = EntityJobIT.entityTypesIn(PROGRAM);
        return DifferentialWorld.of(PROGRAM, program -> {
            job = new FlinkWorld(program, entityTypes, cluster, 2, true);
            jobs.add(job);
            return job;
        });
    }

    @Test
    void aliasesExceptionsAndThisAsInPlainJava() {
        DifferentialWorld world = onFlink();
        IdentityScripts.issueExamples(world);
        IdentityScripts.createAll(world, "1");
        IdentityScripts.aliases(world, "1");
        IdentityScripts.exceptions(world);
        IdentityScripts.thisLeaving(world);
        world.assertSameState();
    }

    @Test
    void aliasesSurviveATaskFailureBetweenACallAndItsReturn() throws Exception {
        DifferentialWorld world = onFlink();
        IdentityScripts.createAll(world, "f");
        world.call("R", "rf", "fieldAlias", world.ref("P", "pf"));
        int firedBefore = FaultInjection.fired();
        // envelopes of twiceSlow: CALL at R, CALL at P (300 ms: a checkpoint is taken while R waits),
        // RETURN at R, CALL at P (300 ms: that checkpoint completes), RETURN at R <- the task fails here
        // and the job resumes from a checkpoint in which R's frame is suspended
        FaultInjection.failAfter(5);
        assertThat(world.call("R", "rf", "twiceSlow", world.ref("P", "pf")).value()).isEqualTo(321);
        assertThat(FaultInjection.fired()).isEqualTo(firedBefore + 1);
        assertThat(job.completedCheckpoints()).isPositive();
        world.call("R", "rf", "fieldAlias2", world.ref("P", "pf"));
        world.assertSameState();
    }
}
