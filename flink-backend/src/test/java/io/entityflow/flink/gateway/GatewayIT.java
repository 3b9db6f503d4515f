package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.entityflow.flink.gateway.client.EntityClient;
import io.entityflow.flink.gateway.client.EntityClientException;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway in front of real entity jobs on one MiniCluster: the shop sample (the API's happy paths and
 * its refusals), ycsb (entity exceptions) and the gateway's fixture (every kind of argument, through the
 * job's serializers), driven through {@link EntityClient} and raw HTTP.
 */
class GatewayIT {
    private static final Path ROOT = Path.of("..");
    private static MiniCluster cluster;
    private static final List<AutoCloseable> started = new ArrayList<>();
    private static Gateway shop;
    private static Gateway ycsb;
    private static Gateway depot;
    private static EmbeddedJob shopJob;

    @BeforeAll
    static void start() throws Exception {
        cluster = EmbeddedJob.startCluster();
        CompiledProgram shopProgram = CompiledProgram.compile(ROOT.resolve("samples/shop"));
        shopJob = EmbeddedJob.start(cluster, shopProgram);
        started.add(shopJob);
        shop = startGateway(shopProgram, shopJob, GatewayOptions.defaults().withPort(0));
        // readiness is the embedder's call: this one marks it in the health test
        CompiledProgram ycsbProgram = CompiledProgram.compile(ROOT.resolve("samples/ycsb"));
        EmbeddedJob ycsbJob = EmbeddedJob.start(cluster, ycsbProgram);
        started.add(ycsbJob);
        ycsb = startGateway(ycsbProgram, ycsbJob, GatewayOptions.defaults().withPort(0));
        CompiledProgram depotProgram = CompiledProgram.compile(ArgumentConversionTest.FIXTURE);
        EmbeddedJob depotJob = EmbeddedJob.start(cluster, depotProgram);
        started.add(depotJob);
        depot = startGateway(depotProgram, depotJob, GatewayOptions.defaults().withPort(0));
    }

    private static Gateway startGateway(CompiledProgram program, EmbeddedJob job, GatewayOptions options) {
        Gateway gateway = new Gateway(program, job.submitter(), options).start();
        started.add(0, gateway);
        return gateway;
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
        cluster.close();
    }

    @Test
    void createCallAndStateThroughTheClient() {
        EntityClient client = EntityClient.connect(shop.url());
        assertThat(client.create("User", "ann").asText()).isEqualTo("ann");
        assertThat(client.create("shop.Item", "book", 4).asText()).isEqualTo("book");
        assertThat(client.call("User", "ann", "deposit", 20).isNull()).isTrue();
        assertThat(client.call(Boolean.class, "Item", "book", "updateStock", 3)).isTrue();
        assertThat(client.call(Boolean.class, "User", "ann", "buyItem", 2, new EntityRef("shop.Item", "book"))).isTrue();
        assertThat(client.call(Boolean.class, "User", "ann", "buyItem", 5, "book")).as("a bare key for the Item").isFalse();
        assertThat(client.call(Integer.class, "User", "ann", "getBalance")).isEqualTo(21 - 8);
        CompletableFuture<JsonNode> stock = client.callAsync("Item", "book", "getStock");
        assertThat(stock.join().asInt()).isEqualTo(1);
        assertThat(client.state("User", "ann").toString()).isEqualTo("{\"username\":\"ann\",\"balance\":13}");
        assertThat(client.state("Item", "book").toString()).isEqualTo("{\"itemId\":\"book\",\"stock\":1,\"price\":4}");
        EntityClient keyed = client.withIdempotencyKey("deposit-ann-" + UUID.randomUUID());
        assertThat(keyed.call("User", "ann", "deposit", 1).isNull()).isTrue();
    }

    @Test
    void rawHttpAnswersAreJsonWithTheDocumentedShapes() {
        HttpProbe http = new HttpProbe(shop.url());
        HttpProbe.Answer created = http.post("/entities/User", "{\"args\":[\"raw\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().toString()).isEqualTo("{\"key\":\"raw\"}");
        HttpProbe.Answer deposited = http.post("/entities/shop.User/raw/deposit", "{\"args\":[5]}", "Idempotency-Key", "raw-deposit-1");
        assertThat(deposited.status()).isEqualTo(200);
        assertThat(deposited.json().toString()).isEqualTo("{\"result\":null}");
        HttpProbe.Answer balance = http.post("/entities/User/raw/getBalance", "{\"args\":[]}");
        assertThat(balance.json().toString()).isEqualTo("{\"result\":6}");
        HttpProbe.Answer state = http.get("/entities/User/raw");
        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().toString()).isEqualTo("{\"username\":\"raw\",\"balance\":6}");
    }

    @Test
    void badRequestsLeaveEveryEntityAsItWas() {
        EntityClient client = EntityClient.connect(shop.url());
        client.create("User", "bea");
        client.create("Item", "pen", 2);
        client.call("Item", "pen", "updateStock", 5);
        HttpProbe http = new HttpProbe(shop.url());
        String userBefore = http.get("/entities/User/bea").text();
        String itemBefore = http.get("/entities/Item/pen").text();
        record Bad(String what, String method, String path, String body, int status, String code, String message, boolean exact) {
        }
        String callable = "callable methods: buyItem, deposit, getBalance";
        List<Bad> table = List.of(
                new Bad("malformed JSON", "POST", "/entities/User/bea/deposit", "{\"args\":[1", 400, "malformed_json",
                        "malformed JSON at line 1, column 11: ", false),
                new Bad("body not an object", "POST", "/entities/User/bea/deposit", "[1]", 400, "bad_body",
                        "the body must be a JSON object {\"args\":[...]}, got an array", true),
                new Bad("missing args", "POST", "/entities/User/bea/deposit", "{}", 400, "bad_body",
                        "the body has no \"args\": send {\"args\":[...]} (an empty body means no arguments)", true),
                new Bad("args not an array", "POST", "/entities/User/bea/deposit", "{\"args\":{\"amount\":1}}", 400, "bad_body",
                        "\"args\" must be an array of the arguments, got an object", true),
                new Bad("too few arguments", "POST", "/entities/User/bea/buyItem", "{\"args\":[1]}", 400, "wrong_argument_count",
                        "shop.User.buyItem takes 2 arguments (int amount, Item item), got 1", true),
                new Bad("too many arguments", "POST", "/entities/User/bea/deposit", "{\"args\":[1, 2]}", 400, "wrong_argument_count",
                        "shop.User.deposit takes 1 argument (int amount), got 2", true),
                new Bad("wrong type", "POST", "/entities/User/bea/buyItem", "{\"args\":[\"x\", \"pen\"]}", 400, "bad_argument",
                        "argument 1 (amount) of shop.User.buyItem: expected int, got \"x\"", true),
                new Bad("wrong type for an entity", "POST", "/entities/User/bea/buyItem", "{\"args\":[1, true]}", 400, "bad_argument",
                        "argument 2 (item) of shop.User.buyItem: expected a key of shop.Item (String) or"
                                + " {\"type\":\"shop.Item\",\"key\":...}, got true", true),
                new Bad("reference to another type", "POST", "/entities/User/bea/buyItem",
                        "{\"args\":[1, {\"type\":\"shop.User\",\"key\":\"bea\"}]}", 400, "bad_argument",
                        "argument 2 (item) of shop.User.buyItem: expected a reference to shop.Item, got a reference to \"shop.User\"", true),
                new Bad("overflow", "POST", "/entities/User/bea/deposit", "{\"args\":[2147483648]}", 400, "bad_argument",
                        "argument 1 (amount) of shop.User.deposit: 2147483648 is out of range for int (-2147483648 to 2147483647)", true),
                new Bad("fraction for an int", "POST", "/entities/User/bea/deposit", "{\"args\":[1.5]}", 400, "bad_argument",
                        "argument 1 (amount) of shop.User.deposit: expected int, got 1.5", true),
                new Bad("unknown type", "POST", "/entities/Foo/bea/deposit", "{\"args\":[1]}", 404, "unknown_type",
                        "no entity type Foo; the program has shop.Item, shop.User", true),
                new Bad("unknown method", "POST", "/entities/User/bea/fly", "{\"args\":[]}", 404, "unknown_method",
                        "shop.User has no method fly; " + callable, true),
                new Bad("the runtime's $state", "POST", "/entities/User/bea/$state", "{\"args\":[]}", 404, "unknown_method",
                        "shop.User has no method $state; " + callable, true),
                new Bad("unknown key", "POST", "/entities/User/nobody/deposit", "{\"args\":[1]}", 404, "unknown_key",
                        "no entity User(nobody)", true),
                new Bad("unknown key read", "GET", "/entities/User/nobody", null, 404, "unknown_key", "no entity User(nobody)", true),
                new Bad("unknown entity passed", "POST", "/entities/User/bea/buyItem", "{\"args\":[1, \"nothing\"]}", 404, "unknown_key",
                        "no entity Item(nothing)", true),
                new Bad("oversized body", "POST", "/entities/User/bea/deposit", "{\"args\":[\"" + "x".repeat(1 << 20) + "\"]}", 413,
                        "body_too_large", "the body is larger than this gateway's limit of 1048576 bytes", true),
                new Bad("create of an existing key", "POST", "/entities/User", "{\"args\":[\"bea\"]}", 409, "entity_exists",
                        "entity User(bea) already exists", true),
                new Bad("constructor arguments", "POST", "/entities/Item", "{\"args\":[\"pen\"]}", 400, "wrong_argument_count",
                        "new shop.Item takes 2 arguments (String itemId, int price), got 1", true),
                new Bad("no such route", "DELETE", "/entities/User/bea", null, 404, "not_found", "no route DELETE /entities/User/bea", false));
        for (Bad bad : table) {
            HttpProbe.Answer answer = http.send(bad.method(), bad.path(), bad.body());
            assertThat(answer.status()).as("%s: %s", bad.what(), answer.text()).isEqualTo(bad.status());
            assertThat(answer.errorCode()).as(bad.what()).isEqualTo(bad.code());
            if (bad.exact()) {
                assertThat(answer.errorMessage()).as(bad.what()).isEqualTo(bad.message());
            } else {
                assertThat(answer.errorMessage()).as(bad.what()).startsWith(bad.message());
            }
        }
        HttpProbe.Answer existing = http.post("/entities/User", "{\"args\":[\"bea\"]}");
        assertThat(existing.json().path("error").path("type").asText()).isEqualTo("io.entityflow.api.EntityExistsException");
        assertThat(http.get("/entities/User/bea").text()).isEqualTo(userBefore);
        assertThat(http.get("/entities/Item/pen").text()).isEqualTo(itemBefore);
    }

    @Test
    void exceptionsOfEntityCodeAre422WithTheirTypeAndMessage() {
        EntityClient client = EntityClient.connect(ycsb.url());
        client.create("Account", "acc-1", 10L);
        assertThatThrownBy(() -> client.call("Account", "acc-1", "withdraw", 11))
                .isInstanceOfSatisfying(EntityClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("entity_exception");
                    assertThat(e.type()).isEqualTo("io.entityflow.api.EntityException");
                    assertThat(e.getMessage()).isEqualTo("account acc-1 has not enough balance");
                });
        assertThatThrownBy(() -> client.create("Account", "acc-2", -1))
                .isInstanceOfSatisfying(EntityClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("balance must not be negative");
                });
        assertThat(client.call(Long.class, "Account", "acc-1", "read")).isEqualTo(10L);
        HttpProbe.Answer raw = new HttpProbe(ycsb.url()).post("/entities/Account/acc-1/withdraw", "{\"args\":[11]}");
        assertThat(raw.json().toString()).isEqualTo("{\"error\":{\"code\":\"entity_exception\",\"message\":"
                + "\"account acc-1 has not enough balance\",\"type\":\"io.entityflow.api.EntityException\"}}");
        client.create("Account", "acc-3", 0L);
        assertThat(client.call("Account", "acc-1", "transfer", "acc-3", 4).isNull()).isTrue();
        assertThat(client.call(Long.class, "Account", "acc-3", "read")).isEqualTo(4L);
    }

    @Test
    void everyKindOfArgumentSurvivesTheJob() {
        EntityClient client = EntityClient.connect(depot.url());
        client.create("Crate", 7, 3);
        client.create("Shelf", "north", 5);
        assertThat(client.call("Shelf", "north", "store", java.util.Map.of("crate", 7, "count", 2)).asInt()).isEqualTo(1);
        assertThat(client.call("Shelf", "north", "storeAll", List.of(java.util.Map.of("crate", new EntityRef("depot.Crate", 7L),
                "count", 1))).asInt()).isEqualTo(2);
        assertThat(client.call("Shelf", "north", "crateSize", 7).asInt()).as("through the loop to the crate").isEqualTo(3);
        assertThat(client.call("Shelf", "north", "firstCrate").toString()).isEqualTo("{\"type\":\"depot.Crate\",\"key\":7}");
        assertThat(client.call("Shelf", "north", "ids", List.of(3, 1, 3)).toString()).isEqualTo("[1,3]");
        assertThat(client.call("Shelf", "north", "sum", List.of(1, 2, 3)).asInt()).isEqualTo(6);
        assertThat(client.call("Shelf", "north", "label", (Object) null).asText()).isEqualTo("none");
        UUID id = UUID.randomUUID();
        assertThat(client.call("Shelf", "north", "echo", id).asText()).isEqualTo(id.toString());
        assertThat(client.call("Shelf", "north", "describe", "FRAGILE", "x", 0.5, true).asText()).isEqualTo("FRAGILE:x:0.5:true");
        assertThat(client.call("Shelf", "north", "count", java.util.Map.of("a", 1)).toString()).isEqualTo("{\"a\":1}");
        assertThat(client.state("Shelf", "north").toString()).isEqualTo("{\"name\":\"north\",\"capacity\":5,\"slots\":["
                + "{\"crate\":{\"type\":\"depot.Crate\",\"key\":7},\"count\":2},{\"crate\":{\"type\":\"depot.Crate\",\"key\":7},\"count\":1}],"
                + "\"counts\":{\"a\":1},\"tag\":\"FRAGILE\"}");
        assertThatThrownBy(() -> client.call("Shelf", "north", "secret")).isInstanceOfSatisfying(EntityClientException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("unknown_method");
            assertThat(e.getMessage()).startsWith("depot.Shelf.secret cannot be called: it is not public; callable methods: ");
        });
        assertThatThrownBy(() -> client.call("Shelf", "north", "helper")).hasMessageStartingWith("depot.Shelf.helper cannot be called: it is static");
    }

    @Test
    void healthTellsWhenTheGatewayIsReady() {
        HttpProbe http = new HttpProbe(shop.url());
        if (!shop.isReady()) {
            assertThat(http.get("/health").status()).isEqualTo(503);
            assertThat(EntityClient.connect(shop.url()).isReady()).isFalse();
        }
        shop.markReady();
        HttpProbe.Answer ready = http.get("/health");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().toString()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(EntityClient.connect(shop.url()).isReady()).isTrue();
    }

    @Test
    void aGatewayWithATokenAcceptsOnlyThatToken() {
        try (Gateway guarded = new Gateway(compiledShop(), shopJob.submitter(),
                GatewayOptions.defaults().withPort(0).withToken("t0ken")).start()) {
            assertThatThrownBy(() -> EntityClient.connect(guarded.url()).create("User", "tok"))
                    .isInstanceOfSatisfying(EntityClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("unauthorized");
                    });
            assertThatThrownBy(() -> EntityClient.connect(guarded.url(), "wrong").create("User", "tok"))
                    .isInstanceOfSatisfying(EntityClientException.class, e -> assertThat(e.getMessage()).isEqualTo("wrong bearer token"));
            assertThat(EntityClient.connect(guarded.url(), "t0ken").create("User", "tok").asText()).isEqualTo("tok");
            assertThat(new HttpProbe(guarded.url()).get("/entities/User/tok", "Authorization", "Bearer t0ken").status()).isEqualTo(200);
        }
    }

    private static CompiledProgram compiledShop() {
        try {
            return CompiledProgram.compile(ROOT.resolve("samples/shop"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
