package io.entityflow.flink.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.flink.embedded.EmbeddedEngine;
import io.entityflow.flink.embedded.EngineOptions;
import io.entityflow.flink.gateway.Gateway;
import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.flink.runtime.FaultInjection;
import io.entityflow.ir.codegen.CompiledProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WDM course's HTTP API (samples/checkout/WdmRoutes.java, through the gateway's route SPI) and the
 * course's consistency test through it: one item with 100 stock at price 1, 1,000 users with 1 credit,
 * 1,000 one-item orders checked out concurrently → exactly 100 succeed, stock 0, credits sum to 900,
 * exactly 100 orders paid, no 5xx; again with two task failures injected during the checkouts.
 */
class WdmCourseApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = 1_000;
    @TempDir
    static Path state;
    private static EmbeddedEngine engine;
    private static Gateway gateway;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        CompiledProgram program = CompiledProgram.compile(Path.of("..", "samples", "checkout"));
        engine = EmbeddedEngine.start(program, EngineOptions.defaults(state).withCheckpointInterval(Duration.ofMillis(50)));
        gateway = new Gateway(program, engine::submit, GatewayOptions.defaults().withPort(0)).start();
        gateway.markReady();
    }

    @AfterAll
    static void stop() throws Exception {
        FaultInjection.disarm();
        gateway.close();
        engine.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theCoursesConsistencyTestThroughHttpSurvivesTaskFailures() throws Exception {
        // users made one by one (create_user + add_funds), so the test does not collide with batch_init's keys
        String item = post("/stock/item/create/1").join().json().get("item_id").asText();
        assertThat(post("/stock/add/" + item + "/100").join().status()).isEqualTo(200);
        List<String> users = all(java.util.stream.IntStream.range(0, USERS).mapToObj(u -> post("/payment/create_user")).toList())
                .stream().map(answer -> answer.json().get("user_id").asText()).toList();
        all(users.stream().map(user -> post("/payment/add_funds/" + user + "/1")).toList())
                .forEach(answer -> assertThat(answer.status()).isEqualTo(200));
        List<String> orders = all(users.stream().map(user -> post("/orders/create/" + user)).toList())
                .stream().map(answer -> answer.json().get("order_id").asText()).toList();
        all(orders.stream().map(order -> post("/orders/addItem/" + order + "/" + item + "/1")).toList())
                .forEach(answer -> assertThat(answer.status()).isEqualTo(200));

        // a task failure a few hundred envelopes into the checkouts, a second as many after the restart
        TwoTaskFailures failures = TwoTaskFailures.arm(300);
        List<Answer> checkouts = all(orders.stream().map(order -> post("/orders/checkout/" + order)).toList());
        assertThat(failures.awaitBoth()).as("task failures during the checkouts").isEqualTo(2);

        assertThat(checkouts).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isIn(200, 422));
        assertThat(checkouts.stream().filter(answer -> answer.status() == 200)).hasSize(100);
        assertThat(get("/stock/find/" + item).join().json().get("stock").asInt()).isZero();
        int credit = all(users.stream().map(user -> get("/payment/find_user/" + user)).toList())
                .stream().mapToInt(answer -> answer.json().get("credit").asInt()).sum();
        assertThat(credit).isEqualTo(USERS - 100);
        assertThat(all(orders.stream().map(order -> get("/orders/find/" + order)).toList()).stream()
                .filter(answer -> answer.json().get("paid").asBoolean())).hasSize(100);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theCoursesConsistencyTestThroughHttp() throws Exception {
        String item = post("/stock/item/create/1").join().json().get("item_id").asText();
        assertThat(post("/stock/add/" + item + "/100").join().status()).isEqualTo(200);
        assertThat(post("/payment/batch_init/" + USERS + "/1").join().status()).isEqualTo(200);
        List<CompletableFuture<Answer>> creates = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            creates.add(post("/orders/create/" + u));
        }
        List<String> orders = new ArrayList<>();
        for (CompletableFuture<Answer> create : creates) {
            orders.add(create.join().json().get("order_id").asText());
        }
        all(orders.stream().map(order -> post("/orders/addItem/" + order + "/" + item + "/1")).toList())
                .forEach(answer -> assertThat(answer.status()).isEqualTo(200));

        List<Answer> checkouts = all(orders.stream().map(order -> post("/orders/checkout/" + order)).toList());
        assertThat(checkouts).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isIn(200, 422));
        assertThat(checkouts.stream().filter(answer -> answer.status() == 200)).hasSize(100);

        JsonNode stock = get("/stock/find/" + item).join().json();
        assertThat(stock.get("stock").asInt()).isZero();
        assertThat(stock.get("price").asInt()).isEqualTo(1);
        int credit = all(java.util.stream.IntStream.range(0, USERS).mapToObj(u -> get("/payment/find_user/" + u)).toList())
                .stream().mapToInt(answer -> answer.json().get("credit").asInt()).sum();
        assertThat(credit).isEqualTo(USERS - 100);
        List<Answer> found = all(orders.stream().map(order -> get("/orders/find/" + order)).toList());
        assertThat(found.stream().filter(answer -> answer.json().get("paid").asBoolean())).hasSize(100);
        JsonNode one = found.get(0).json();
        assertThat(one.get("order_id").asText()).isEqualTo(orders.get(0));
        assertThat(one.get("items").get(0).get(0).asText()).isEqualTo(item);
        assertThat(one.get("items").get(0).get(1).asInt()).isEqualTo(1);
        assertThat(one.get("user_id").asText()).isEqualTo("0");
        assertThat(one.get("total_cost").asInt()).isEqualTo(1);
    }

    @Test
    void batchInitOfOrdersStartsAtTheFirstIdAskedFor() throws Exception {
        // item "0" at price 7 (no other test uses batch_init's item keys); orders 500000..500002, user keys 0
        assertThat(post("/stock/batch_init/1/10/7").join().status()).isEqualTo(200);
        assertThat(post("/orders/batch_init/3/1/1/7?first=500000").join().status()).isEqualTo(200);
        for (int id = 500_000; id < 500_003; id++) {
            JsonNode order = get("/orders/find/" + id).join().json();
            assertThat(order.get("total_cost").asInt()).as("order %d: two lines of item 0", id).isEqualTo(14);
            assertThat(order.get("user_id").asText()).isEqualTo("0");
        }
        assertThat(get("/orders/find/499999").join().status()).isEqualTo(404);
        assertThat(get("/orders/find/500003").join().status()).isEqualTo(404);
        Answer bad = post("/orders/batch_init/3/1/1/7?first=x").join();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("message").asText()).contains("first");
    }

    @Test
    void refusalsAre4xxAndLeaveStateAlone() throws Exception {
        String item = post("/stock/item/create/5").join().json().get("item_id").asText();
        Answer refused = post("/stock/subtract/" + item + "/1").join();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").get("message").asText()).contains("has not enough stock");
        assertThat(post("/stock/add/" + item + "/x").join().status()).isEqualTo(400);
        assertThat(get("/stock/find/" + item).join().json().get("stock").asInt()).isZero();
        assertThat(get("/payment/find_user/nobody").join().status()).isEqualTo(404);
    }

    @Test
    void aCheckoutRefusedAfterTakingTheStockPutsTheStockBack() throws Exception {
        String item = post("/stock/item/create/3").join().json().get("item_id").asText();
        post("/stock/add/" + item + "/5").join();
        String user = post("/payment/create_user").join().json().get("user_id").asText();
        post("/payment/add_funds/" + user + "/2").join(); // less than the price
        String order = post("/orders/create/" + user).join().json().get("order_id").asText();
        post("/orders/addItem/" + order + "/" + item + "/1").join();
        Answer refused = post("/orders/checkout/" + order).join();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").get("type").asText()).isEqualTo("io.entityflow.api.EntityException");
        assertThat(refused.json().get("error").get("message").asText()).isEqualTo("user " + user + " has not enough credit");
        assertThat(get("/stock/find/" + item).join().json().get("stock").asInt()).as("stock taken, then put back").isEqualTo(5);
        assertThat(get("/payment/find_user/" + user).join().json().get("credit").asInt()).isEqualTo(2);
        assertThat(get("/orders/find/" + order).join().json().get("paid").asBoolean()).isFalse();
    }

    record Answer(int status, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }
    }

    private static CompletableFuture<Answer> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static CompletableFuture<Answer> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).GET());
    }

    private static CompletableFuture<Answer> send(HttpRequest.Builder request) {
        return HTTP.sendAsync(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body()));
    }

    private static List<Answer> all(List<CompletableFuture<Answer>> futures) {
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
