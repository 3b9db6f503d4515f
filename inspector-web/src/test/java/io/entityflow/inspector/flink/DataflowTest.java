package io.entityflow.inspector.flink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding our operators in Flink's vertex names, whatever shape the chain has. */
class DataflowTest {
    @Test
    void aChainThatForksNamesEveryOperatorOfEveryBranch() {
        assertThat(Dataflow.chainMembers("loop head -> route by entity type -> (shop.Item -> loop tail shop.Item, "
                + "shop.User -> loop tail shop.User)"))
                .containsExactlyInAnyOrder("loop head", "route by entity type", "shop.Item", "loop tail shop.Item",
                        "shop.User", "loop tail shop.User");
        assertThat(Dataflow.chainMembers("loop head -> route by entity type -> (shop.Item, shop.User)"))
                .containsExactlyInAnyOrder("loop head", "route by entity type", "shop.Item", "shop.User");
        assertThat(Dataflow.chainMembers("loop tail")).containsExactly("loop tail");
    }

    @Test
    void theLoopTailIsTheOneOperatorOrOnePerEntityType() {
        Dataflow.Operator tail = new Dataflow.Operator("loop-tail", "loop tail", "loop", "loop tail", "entityflow-loop-tail", null);
        assertThat(tail.isNamed("loop tail")).isTrue();
        assertThat(tail.isNamed("loop tail shop.Item")).isTrue();
        assertThat(tail.isNamed("loop head")).isFalse();
        assertThat(tail.isNamedInMetrics("loop_tail")).isTrue();
        assertThat(tail.isNamedInMetrics("loop_tail_shop_Item")).isTrue();
        assertThat(tail.isNamedInMetrics("loop_head")).isFalse();
        Dataflow.Operator item = new Dataflow.Operator("shop.Item", "Item", "entity", "shop.Item", "entityflow-entity-shop.Item", "shop.Item");
        assertThat(item.isNamed("shop.Item")).isTrue();
        assertThat(item.isNamed("shop.ItemHistory")).isFalse();
        assertThat(item.isNamedInMetrics("shop_Item")).isTrue();
        assertThat(item.isNamedInMetrics("shop_Item_history")).isFalse();
    }

    @Test
    void theResponsesAreEveryResponseSinkChainedToTheEntityOperators() {
        Dataflow.Operator responses = new Dataflow.Operator("responses", "responses", "sink", "Sink: responses", "entityflow-responses", null);
        assertThat(responses.isNamed("Sink: responses")).isTrue();
        assertThat(responses.isNamed("Sink: responses shop.Item")).isTrue();
        assertThat(responses.isNamed("Sink: responses at once shop.Item")).isTrue();
        assertThat(responses.isNamed("Sink: responsesX")).isFalse();
        assertThat(responses.isNamedInMetrics("Sink__responses_shop_Item")).isTrue();
        assertThat(responses.isNamedInMetrics("Sink__responses_at_once_shop_Item")).isTrue();
    }

    @Test
    void theResponsesAreFoundInTheLoopNotInTheSinkOfAnswersToUnknownTypes() {
        Dataflow.Operator responses = new Dataflow.Operator("responses", "responses", "sink", "Sink: responses", "entityflow-responses", null);
        java.util.Map<String, String> vertices = new java.util.LinkedHashMap<>();
        vertices.put("Sink: responses", "sink-vertex");
        vertices.put("Source: requests -> requests by key -> loop head -> route by entity type -> (shop.Item -> "
                + "(Sink: responses at once shop.Item, loop tail shop.Item, Sink: responses shop.Item), shop.User -> "
                + "(Sink: responses at once shop.User, loop tail shop.User, Sink: responses shop.User))", "loop-vertex");
        assertThat(Dataflow.vertexNaming(responses, vertices)).isEqualTo("loop-vertex");
        Dataflow.Operator head = new Dataflow.Operator("loop-head", "loop head", "loop", "loop head", "entityflow-loop-head", null);
        assertThat(Dataflow.vertexNaming(head, vertices)).isEqualTo("loop-vertex");
        Dataflow.Operator missing = new Dataflow.Operator("x", "x", "entity", "shop.Order", "entityflow-entity-shop.Order", "shop.Order");
        assertThat(Dataflow.vertexNaming(missing, vertices)).isNull();
    }
}
