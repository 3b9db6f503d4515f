package io.entityflow.flink.job;

import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.source.SourceTree;
import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.SampleScripts;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * Entity programs running as real Flink jobs (one MiniCluster for the class, parallelism 2, calls and
 * returns travelling the feedback loop) give the same results, exceptions and final state as plain Java.
 */
class EntityJobIT {
    private static final Path ROOT = Path.of("..");
    private static MiniCluster cluster;
    private static final List<FlinkWorld> jobs = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestClusters.start(8);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (FlinkWorld job : jobs) {
            job.cancel();
        }
        cluster.close();
    }

    private static DifferentialWorld onFlink(String folder) {
        List<String> entityTypes = entityTypesIn(ROOT.resolve(folder));
        return DifferentialWorld.of(ROOT.resolve(folder), program -> {
            FlinkWorld job = new FlinkWorld(program, entityTypes, cluster, 2);
            jobs.add(job);
            return job;
        });
    }

    static List<String> entityTypesIn(Path folder) {
        try {
            return EntityAnalyzer.analyze(SourceTree.load(List.of(folder), folder)).model().entities().stream()
                    .map(EntityModel::qualifiedName).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shopAndCheckoutThroughTheLoop() {
        DifferentialWorld shop = onFlink("samples/shop");
        SampleScripts.shopBuyItem(shop);
        shop.assertSameState();
        DifferentialWorld checkout = onFlink("samples/checkout");
        SampleScripts.randomCheckouts(checkout, 5, 6);
        checkout.assertSameState();
    }

    @Test
    void everyConstructThroughTheLoop() {
        DifferentialWorld world = onFlink("ir-graph/src/test/resources/tricky");
        world.create("Node", "a", 4L);
        world.create("Node", "b", -3L);
        world.create("Prober", "p", world.ref("Node", "a"), world.ref("Node", "b"));
        for (String method : List.of("evaluationOrder", "shortCircuit", "earlyReturn", "nestedRemote", "tryCatchFinally",
                "returnThroughFinally", "propagates", "nestedTry", "deepFinally", "lambdasAroundCalls")) {
            world.call("Prober", "p", method, 3L);
        }
        world.call("Prober", "p", "loops", 3);
        world.call("Prober", "p", "localSuspending", 3);
        world.call("Prober", "p", "recursionAcross", 4);
        world.call("Prober", "p", "callBack", world.ref("Node", "a"));
        world.call("Prober", "p", "makeNode", "c", 8L);
        world.assertSameState();
    }
}
