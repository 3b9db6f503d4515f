package io.entityflow.flink.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A standalone cluster of separate JVMs: two task managers register, one is killed and replaced, all stop. */
class LocalFlinkClusterIT {
    @TempDir
    Path dir;

    @Test
    void startsKillsAndReplacesATaskManagerAndStopsByProcessId() throws Exception {
        LocalFlinkCluster cluster = LocalFlinkCluster.start(new LocalFlinkCluster.Options(dir, 2, 2, 0,
                LocalFlinkCluster.Options.ownClasspath(), true));
        List<Process> processes;
        try {
            assertThat(cluster.overview().path("taskmanagers").asInt()).isEqualTo(2);
            assertThat(cluster.overview().path("slots-total").asInt()).isEqualTo(4);
            assertThat(cluster.restUrl().getHost()).isEqualTo("127.0.0.1");
            List<Process> taskManagers = cluster.taskManagers();
            assertThat(taskManagers).hasSize(2);
            assertThat(taskManagers).allSatisfy(p -> assertThat(p.pid()).isNotEqualTo(ProcessHandle.current().pid()));

            java.util.Set<String> before = cluster.taskManagerIds();
            cluster.kill(taskManagers.get(0));
            assertThat(taskManagers.get(0).isAlive()).isFalse();
            cluster.startTaskManager();
            // the killed one leaves when its heartbeat times out (10 s); the replacement registers beside it
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            java.util.Set<String> now = cluster.taskManagerIds();
            int slots = cluster.overview().path("slots-total").asInt();
            // the replacement's slots are reported a moment after it registers
            while (System.nanoTime() < deadline && !(now.size() == 2 && !now.equals(before) && slots == 4)) {
                Thread.sleep(500);
                now = cluster.taskManagerIds();
                slots = cluster.overview().path("slots-total").asInt();
            }
            assertThat(now).hasSize(2).isNotEqualTo(before);
            assertThat(slots).isEqualTo(4);
            processes = new java.util.ArrayList<>(cluster.taskManagers());
            processes.add(cluster.jobManager());
        } finally {
            cluster.close();
        }
        assertThat(processes).noneMatch(Process::isAlive);
    }
}
