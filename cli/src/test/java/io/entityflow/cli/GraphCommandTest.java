package io.entityflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code entityflow graph}: the graph JSON of ARCHITECTURE §4, the DOT view, and method selection. */
class GraphCommandTest {

    static final String SHOP = "../samples/shop";
    static final String CHECKOUT = "../samples/checkout";
    static final String GOLDEN = "/golden/shop-User.buyItem.json";

    final ObjectMapper json = new ObjectMapper();

    @Test
    void buyItemGraphMatchesTheGoldenFile() throws IOException {
        CliRun run = CliRun.run("graph", SHOP, "--method", "User.buyItem");
        assertThat(run.exitCode()).as(run.describe()).isZero();

        JsonNode actual = json.readTree(run.out());
        JsonNode expected;
        try (InputStream golden = getClass().getResourceAsStream(GOLDEN)) {
            assertThat(golden).as("resource %s", GOLDEN).isNotNull();
            expected = json.readTree(golden);
        }
        assertThat(actual)
                .withFailMessage("graph JSON of User.buyItem differs from src/test/resources%s; actual:%n%s",
                        GOLDEN, json.writerWithDefaultPrettyPrinter().writeValueAsString(actual))
                .isEqualTo(expected);
    }

    /** What the golden file says, spelled out against samples/shop/User.java. */
    @Test
    void buyItemIsSplitIntoFourBlocksAtItsThreeRemoteCalls() throws IOException {
        JsonNode graph = json.readTree(CliRun.run("graph", SHOP, "--method", "User.buyItem").out());

        assertThat(graph.get("entities")).as("--method keeps only the selected entity").hasSize(1);
        JsonNode user = graph.get("entities").get(0);
        assertThat(user.get("name").asText()).isEqualTo("User");
        assertThat(user.get("key").asText()).isEqualTo("username");
        assertThat(user.get("methods")).as("--method keeps only the selected method").hasSize(1);

        JsonNode buyItem = user.get("methods").get(0);
        assertThat(buyItem.get("name").asText()).isEqualTo("buyItem");
        assertThat(buyItem.get("transactional").asBoolean()).isTrue();

        JsonNode blocks = buyItem.get("blocks");
        assertThat(blocks).hasSize(4);
        // block 0: the entry; `amount * item.getPrice()` (line 35) suspends at once
        assertBlock(blocks.get(0), 0, List.of("amount", "item"), "Item.getPrice", 35, 1, false);
        // block 1: totalPrice is computed, the balance check may `return false` (line 37),
        // then `item.updateStock(-amount)` (line 40) suspends
        assertBlock(blocks.get(1), 1, List.of("amount", "item"), "Item.updateStock", 40, 2, true);
        // block 2: needs totalPrice for `balance -= totalPrice`; either returns true (line 46)
        // or makes the compensating `item.updateStock(amount)` (line 42)
        assertBlock(blocks.get(2), 2, List.of("amount", "item", "totalPrice"), "Item.updateStock", 42, 3, true);
        // block 3: after the compensation only `return false` (line 43) is left, which needs nothing
        assertThat(blocks.get(3).get("id").asInt()).isEqualTo(3);
        assertThat(texts(blocks.get(3).get("live"))).isEmpty();
        assertThat(blocks.get(3).get("calls")).isEmpty();
        assertThat(texts(blocks.get(3).get("exits"))).containsExactly("return");
        assertThat(blocks.get(3).get("range").get("startLine").asInt()).isEqualTo(42);
        assertThat(blocks.get(3).get("range").get("endLine").asInt()).isEqualTo(43);

        assertThat(buyItem.get("edges")).extracting(e -> e.get("from").asInt(), e -> e.get("to").asInt(),
                        e -> e.get("kind").asText(), e -> e.get("call").asText())
                .containsExactly(
                        tuple(0, 1, "call", "Item.getPrice"),
                        tuple(1, 2, "call", "Item.updateStock"),
                        tuple(2, 3, "call", "Item.updateStock"));
    }

    private static void assertBlock(JsonNode block, int id, List<String> live, String call, int callLine, int resume,
                                    boolean canReturn) {
        assertThat(block.get("id").asInt()).isEqualTo(id);
        assertThat(texts(block.get("live"))).as("live variables of block %d", id).containsExactlyElementsOf(live);
        JsonNode calls = block.get("calls");
        assertThat(calls).as("calls of block %d", id).hasSize(1);
        JsonNode c = calls.get(0);
        assertThat(c.get("kind").asText()).isEqualTo("remote");
        assertThat(c.get("target").asText() + "." + c.get("method").asText()).as("call of block %d", id).isEqualTo(call);
        assertThat(c.get("range").get("startLine").asInt()).as("line of the call of block %d", id).isEqualTo(callLine);
        assertThat(c.get("resume").asInt()).as("block %d resumes at", id).isEqualTo(resume);
        if (canReturn) {
            assertThat(texts(block.get("exits"))).as("block %d can return", id).containsExactly("return");
        } else {
            assertThat(texts(block.get("exits"))).as("block %d cannot return", id).isEmpty();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void dotHasOneClusterPerMethodAndLabelsCallEdges() throws IOException {
        CliRun run = CliRun.run("graph", SHOP, "--format", "dot");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        String dot = run.out();

        JsonNode graph = json.readTree(CliRun.run("graph", SHOP).out());
        List<String> methods = new ArrayList<>();
        graph.get("entities").forEach(e -> e.get("methods").forEach(m -> methods.add(e.get("name").asText() + "." + m.get("name").asText())));
        assertThat(methods).as("public methods of the shop sample")
                .containsExactlyInAnyOrder("Item.getPrice", "Item.getStock", "Item.updateStock",
                        "User.getBalance", "User.deposit", "User.buyItem");

        assertThat(dot).startsWith("digraph");
        assertThat(dot.strip()).endsWith("}");
        Matcher cluster = Pattern.compile("subgraph \"cluster_").matcher(dot);
        int clusters = 0;
        while (cluster.find()) {
            clusters++;
        }
        assertThat(clusters).as("one method cluster per method\n%s", dot).isEqualTo(methods.size());
        for (String method : methods) {
            assertThat(dot).as("a cluster labelled %s", method).contains("label=\"" + method);
        }
        assertThat(dot).contains("label=\"User.buyItem @Transactional\"");
        assertThat(dot).as("the call edge out of buyItem's entry block").contains("[label=\"Item.getPrice\"]");
        assertThat(dot).contains("[label=\"Item.updateStock\"]");
    }

    @Test
    void unknownMethodIsAUsageError() {
        CliRun run = CliRun.run("graph", SHOP, "--method", "Nope.nothing");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("Nope.nothing");
        assertThat(run.out()).isBlank();
    }

    @Test
    void unknownGraphFormatIsAUsageError() {
        CliRun run = CliRun.run("graph", SHOP, "--format", "svg");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("svg");
    }

    @Test
    void checkoutDataflowHasOneOperatorPerEntityAndCallReturnEdges() throws IOException {
        CliRun run = CliRun.run("graph", CHECKOUT);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode graph = json.readTree(run.out());

        assertThat(graph.get("operators"))
                .extracting(o -> o.get("id").asText(), o -> o.get("kind").asText(), o -> o.path("uid").asText())
                .containsExactly(
                        tuple("ingress", "ingress", "entityflow-ingress"),
                        tuple("Item", "entity", "entityflow-entity-checkout.Item"),
                        tuple("Order", "entity", "entityflow-entity-checkout.Order"),
                        tuple("User", "entity", "entityflow-entity-checkout.User"),
                        tuple("egress", "egress", "entityflow-egress"));

        JsonNode edges = graph.get("edges");
        assertThat(edges)
                .filteredOn(e -> e.get("kind").asText().equals("call") || e.get("kind").asText().equals("return"))
                .as("only Order calls other entities (addItem, checkout); OrderLine is a record, not an operator")
                .extracting(e -> e.get("from").asText(), e -> e.get("to").asText(), e -> e.get("kind").asText())
                .containsExactlyInAnyOrder(
                        tuple("Order", "Item", "call"),
                        tuple("Item", "Order", "return"),
                        tuple("Order", "User", "call"),
                        tuple("User", "Order", "return"));
        assertThat(callsOf(edges, "Order", "Item", "call")).containsExactlyInAnyOrder("Item.getPrice", "Item.subtractStock");
        assertThat(callsOf(edges, "Item", "Order", "return")).containsExactlyInAnyOrder("Item.getPrice", "Item.subtractStock");
        assertThat(callsOf(edges, "Order", "User", "call")).containsExactly("User.pay");
        assertThat(callsOf(edges, "User", "Order", "return")).containsExactly("User.pay");
        for (String entity : List.of("Item", "Order", "User")) {
            assertThat(edges).as("ingress feeds %s and %s answers to egress", entity, entity)
                    .anySatisfy(e -> assertEdge(e, "ingress", entity))
                    .anySatisfy(e -> assertEdge(e, entity, "egress"));
        }
    }

    private static void assertEdge(JsonNode edge, String from, String to) {
        assertThat(edge.get("from").asText()).isEqualTo(from);
        assertThat(edge.get("to").asText()).isEqualTo(to);
    }

    private static List<String> callsOf(JsonNode edges, String from, String to, String kind) {
        for (JsonNode e : edges) {
            if (e.get("from").asText().equals(from) && e.get("to").asText().equals(to) && e.get("kind").asText().equals(kind)) {
                return texts(e.get("calls"));
            }
        }
        throw new AssertionError("no " + kind + " edge " + from + " -> " + to + " in " + edges);
    }
}
