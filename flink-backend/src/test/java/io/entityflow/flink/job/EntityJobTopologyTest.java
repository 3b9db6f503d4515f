package io.entityflow.flink.job;

import io.entityflow.flink.loop.LoopOptions;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.ir.graph.OperatorUids;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's shape, without running it: stable uids, one operator per entity type, the loop's two forms. */
class EntityJobTopologyTest {
    private static final List<String> TYPES = List.of("shop.User", "shop.Item");

    private static StreamGraph build(JobOptions options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        EntityJob.build(env, new EntityInvoker(new EntityTypes(null)), TYPES, options);
        return env.getStreamGraph();
    }

    /** "a -> (b, c -> d)" → a, b, c, d: the operators Flink chained into one task. */
    private static List<String> chainMembers(String vertexName) {
        return java.util.Arrays.stream(vertexName.split(" -> |, |\\(|\\)")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    private static List<String> uids(StreamGraph graph) {
        return graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
    }

    @Test
    void inOneJvmEachEntityOperatorFeedsTheLoopThroughATailChainedToIt() {
        StreamGraph graph = build(JobOptions.defaults("topology"));
        assertThat(uids(graph)).contains("entityflow-requests", "entityflow-loop-head", "entityflow-responses",
                OperatorUids.entity("shop.User"), OperatorUids.entity("shop.Item"),
                OperatorUids.loopTail("shop.User"), OperatorUids.loopTail("shop.Item"),
                OperatorUids.responses("shop.User"), OperatorUids.responses("shop.Item"),
                OperatorUids.responsesAtOnce("shop.User"), OperatorUids.responsesAtOnce("shop.Item"))
                .doesNotContain("entityflow-loop-tail");
        List<JobVertex> vertices = StreamSupport.stream(graph.getJobGraph().getVertices().spliterator(), false).toList();
        assertThat(vertices).as("one task: the requests of its key groups, and the loop: head, router, entity operators, "
                + "tails and response sinks; and the one sink of answers to unknown types").hasSize(2);
        assertThat(vertices).filteredOn(v -> v.getName().startsWith("Source: requests")).singleElement()
                .satisfies(loop -> assertThat(chainMembers(loop.getName())).startsWith("Source: requests", "requests by key", "loop head")
                        .contains("loop tail shop.User", "loop tail shop.Item",
                        "Sink: responses shop.User", "Sink: responses shop.Item",
                        "Sink: responses at once shop.User", "Sink: responses at once shop.Item"));
        JobVertex unknownTypes = vertices.stream().filter(v -> v.getName().equals("Sink: responses")).findFirst().orElseThrow();
        assertThat(unknownTypes.getParallelism()).isEqualTo(1);
        assertThat(unknownTypes.getInputs()).singleElement().as("every loop subtask feeds it: one region, failing over together")
                .satisfies(edge -> assertThat(edge.getDistributionPattern()).isEqualTo(org.apache.flink.runtime.jobgraph.DistributionPattern.ALL_TO_ALL));
    }

    @Test
    void overTheNetworkOneTailBehindAKeyBySharesItsSlotWithTheHead() {
        StreamGraph graph = build(JobOptions.defaults("topology").withLoop(LoopOptions.defaults("topology").overNetwork()));
        assertThat(uids(graph)).contains("entityflow-requests", "entityflow-loop-head", "entityflow-loop-tail",
                "entityflow-responses", OperatorUids.entity("shop.User"), OperatorUids.entity("shop.Item"));
        assertThat(graph.getStreamNodes().stream()
                .filter(n -> n.getCoLocationGroup() != null).map(StreamNode::getTransformationUID).toList())
                .containsExactlyInAnyOrder("entityflow-loop-head", "entityflow-loop-tail");
    }

    @Test
    void responsesThatLeaveAtOnceAnywayNeedNoSecondPath() {
        assertThat(uids(build(JobOptions.defaults("topology").withCommittedResponses(false))))
                .contains("entityflow-responses").doesNotContain(OperatorUids.responsesAtOnce("shop.User"));
    }
}
