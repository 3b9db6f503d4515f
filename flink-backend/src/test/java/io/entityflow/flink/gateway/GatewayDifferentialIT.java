package io.entityflow.flink.gateway;

import io.entityflow.flink.gateway.client.EntityClient;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.source.SourceTree;
import io.entityflow.ir.testing.DifferentialWorld;
import io.entityflow.ir.testing.SampleScripts;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The differential tests through the whole stack: each sample script runs as plain Java and, side by
 * side, over HTTP through the gateway into the entity job on a MiniCluster; results, exceptions and the
 * final state of every entity must agree.
 */
class GatewayDifferentialIT {
    private static final Path ROOT = Path.of("..");
    private static MiniCluster cluster;
    private static final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = EmbeddedJob.startCluster();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
        cluster.close();
    }

    /** The program in {@code folder} behind a gateway; the split side compiled by DifferentialWorld. */
    private static DifferentialWorld overHttp(String folder) {
        Path path = ROOT.resolve(folder);
        return DifferentialWorld.of(path, classes -> {
            try {
                CompiledProgram program = new CompiledProgram(EntityAnalyzer.analyze(SourceTree.load(List.of(path), path)), classes, List.of());
                EmbeddedJob job = EmbeddedJob.start(cluster, program);
                started.add(job);
                Gateway gateway = new Gateway(program, job.submitter(), GatewayOptions.defaults().withPort(0)).start();
                started.add(0, gateway);
                gateway.markReady();
                return new HttpWorld(new ProgramCatalog(program, EntityJson.newMapper()), EntityClient.connect(gateway.url()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the job and gateway for " + folder, e);
            }
        });
    }

    @Test
    void shopBuyItemOverHttp() {
        DifferentialWorld shop = overHttp("samples/shop");
        SampleScripts.shopBuyItem(shop);
        shop.assertSameState();
    }

    @Test
    void randomCheckoutsOverHttp() {
        DifferentialWorld checkout = overHttp("samples/checkout");
        SampleScripts.randomCheckouts(checkout, 5, 6);
        checkout.assertSameState();
        DifferentialWorld more = overHttp("samples/checkout");
        SampleScripts.randomCheckouts(more, 11, 10);
        more.assertSameState();
    }
}
