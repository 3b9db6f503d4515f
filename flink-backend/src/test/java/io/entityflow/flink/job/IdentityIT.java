package io.entityflow.flink.job;

import io.entityflow.flink.runtime.FaultInjection;
import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.source.SourceTree;
import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.testing.FidelityScripts;
import io.entityflow.ir.testing.Outcome;
import io.entityflow.ir.testing.IdentityScripts;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** Each test's job ends with it: two slots a job, and the shared cluster has eight. */
    @AfterEach
    void disarmAndCancel() throws Exception {
        FaultInjection.disarm();
        for (FlinkWorld running : jobs) {
            running.cancel();
        }
        jobs.clear();
    }

    private DifferentialWorld onFlink() {
        return onFlink(PROGRAM);
    }

    private DifferentialWorld onFlink(Path folder) {
        List<String> entityTypes = EntityJobIT.entityTypesIn(folder);
        MethodTraits traits;
        try {
            traits = MethodTraits.of(EntityAnalyzer.analyze(SourceTree.load(List.of(folder), folder)).model());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return DifferentialWorld.of(folder, program -> {
            job = new FlinkWorld(program, entityTypes, cluster, 2, true, traits);
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
    void everyAliasExampleSurvivesTaskFailuresAtAnyEnvelope() {
        DifferentialWorld world = onFlink();
        IdentityScripts.createAll(world, "m");
        int firedBefore = FaultInjection.fired();
        // each call is three envelopes (CALL at R, CALL at P, RETURN at R): the task fails at one of them, by turns,
        // so some failures fall between a call and its return; each restores the last checkpoint and replays
        int calls = 0;
        for (String method : IdentityScripts.ALIAS_METHODS) {
            FaultInjection.failAfter(1 + calls++ % 3);
            world.call("R", "rm", method, world.ref("P", "pm"));
            FaultInjection.disarm();
        }
        assertThat(FaultInjection.fired() - firedBefore).as("task failures injected").isEqualTo(calls);
        world.assertSameState();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aliasedWritesInATransactionRollBackAndCommitWithTheState() {
        DifferentialWorld world = onFlink();
        IdentityScripts.createAll(world, "t");
        world.call("R", "rt", "fieldAlias", world.ref("P", "pt"));
        EntityRef r = world.ref("R", "rt");
        EntityRef p = world.ref("P", "pt");

        Outcome failed = job.call(r, "aliasInTransaction", p, true);
        assertThat(failed.exceptionType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.exceptionMessage()).as("the write through the alias reached the state").isEqualTo("rolled back with 2 items");
        Map<String, Object> afterRollback = job.rawState().get(r);
        assertThat((List<Integer>) afterRollback.get("items")).as("undone").containsExactly(7);
        assertThat((int[]) afterRollback.get("counters")).containsExactly(0, 0, 0);
        assertThat(job.rawState().get(p).get("calls")).as("the participant's writes are undone too").isEqualTo(1);

        assertThat(job.call(r, "aliasInTransaction", p, false).value()).isEqualTo(207);
        Map<String, Object> afterCommit = job.rawState().get(r);
        assertThat((List<Integer>) afterCommit.get("items")).containsExactly(7, 7);
        assertThat((int[]) afterCommit.get("counters")).containsExactly(0, 0, 7);
        assertThat(job.call(r, "fieldAlias2", p).value()).as("aliases still name the state after the rollback").isEqualTo(3);
    }

    @Test
    void genericsVarargsPatternsAndReferencesAsInPlainJava() {
        DifferentialWorld world = onFlink(Path.of("..", "ir-graph", "src", "test", "resources", "fidelity"));
        FidelityScripts.run(world);
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
