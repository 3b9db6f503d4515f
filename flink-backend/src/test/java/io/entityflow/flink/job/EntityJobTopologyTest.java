package io.entityflow.flink.job;

import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.ir.graph.OperatorUids;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's shape, without running it: stable uids, one operator per entity type, a co-located loop. */
class EntityJobTopologyTest {
    @Test
    void everyEntityTypeHasItsOwnOperatorWithTheUidOfTheGraphJson() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        EntityJob.build(env, new EntityInvoker(new EntityTypes(null)), List.of("shop.User", "shop.Item"), JobOptions.defaults("topology"));
        StreamGraph graph = env.getStreamGraph();
        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).contains("entityflow-requests", "entityflow-loop-head", "entityflow-loop-tail",
                "entityflow-responses", OperatorUids.entity("shop.User"), OperatorUids.entity("shop.Item"));
        assertThat(graph.getStreamNodes().stream()
                .filter(n -> n.getCoLocationGroup() != null).map(StreamNode::getTransformationUID).toList())
                .containsExactlyInAnyOrder("entityflow-loop-head", "entityflow-loop-tail");
    }
}
