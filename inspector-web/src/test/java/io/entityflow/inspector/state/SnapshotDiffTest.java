package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotDiffTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode item(int stock, int price) {
        return mapper.createObjectNode().put("stock", stock).put("price", price);
    }

    private Map<String, Map<String, ObjectNode>> snapshot(Map<String, ObjectNode> items) {
        Map<String, Map<String, ObjectNode>> types = new TreeMap<>();
        types.put("shop.Item", new TreeMap<>(items));
        types.put("shop.User", new TreeMap<>());
        return types;
    }

    @Test
    void listsExactlyTheEntitiesAddedRemovedAndChangedFieldByField() {
        var before = snapshot(Map.of("a", item(1, 5), "b", item(2, 5), "c", item(3, 5)));
        var after = snapshot(Map.of("a", item(1, 5), "b", item(7, 5), "d", item(0, 9)));
        JsonNode diff = SnapshotDiff.diff(mapper, before, after, 100);
        JsonNode items = diff.path("types").get(0);
        assertThat(items.path("type").asText()).isEqualTo("shop.Item");
        assertThat(items.path("added")).hasSize(1);
        assertThat(items.path("added").get(0).path("key").asText()).isEqualTo("d");
        assertThat(items.path("removed").get(0).path("key").asText()).isEqualTo("c");
        JsonNode changed = items.path("changed");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).path("key").asText()).isEqualTo("b");
        assertThat(changed.get(0).path("fields")).hasSize(1);
        assertThat(changed.get(0).path("fields").get(0).toString()).isEqualTo("{\"field\":\"stock\",\"before\":2,\"after\":7}");
        JsonNode users = diff.path("types").get(1);
        assertThat(users.path("addedCount").asInt() + users.path("removedCount").asInt() + users.path("changedCount").asInt()).isZero();
    }

    @Test
    void aLargeDiffListsAtMostTheLimitButCountsEverything() {
        Map<String, ObjectNode> many = new TreeMap<>();
        for (int i = 0; i < 1_000; i++) {
            many.put("k" + i, item(i, 1));
        }
        JsonNode items = SnapshotDiff.diff(mapper, snapshot(Map.of()), snapshot(many), 10).path("types").get(0);
        assertThat(items.path("added")).hasSize(10);
        assertThat(items.path("addedCount").asInt()).isEqualTo(1_000);
    }
}
