package io.entityflow.flink.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/** Starts the MiniCluster a test class shares: one task manager, its REST endpoint on a free port. */
final class TestClusters {
    private TestClusters() {
    }

    static MiniCluster start(int slots) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        configuration.set(RestOptions.BIND_PORT, "0"); // several test JVMs (and 8081 users) on one machine
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(configuration)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        cluster.start();
        return cluster;
    }
}
