package io.entityflow.cli.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.cli.EmbeddedRun;
import io.entityflow.flink.embedded.EngineOptions;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.flink.runtime.FaultInjection;
import io.entityflow.inspector.Inspector;
import io.entityflow.inspector.InspectedJob;
import io.entityflow.inspector.InspectorOptions;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector in a real browser (headless Chromium + Selenium) against what {@code entityflow run
 * samples/checkout} starts ({@link EmbeddedRun}): the dataflow with live rates, a watched entity, a checkout
 * held mid-transaction, filtering 100,000 items, savepoints triggered and diffed, a traced checkout, and
 * bad input. One run and one browser for the class; the tests build on each other in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectorBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedRun run;
    private Browser browser;
    private String gateway;
    private String inspector;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        Path state = Files.createTempDirectory(Path.of("target"), "inspector-it-");
        CompiledProgram program = CompiledProgram.compile(Path.of("..", "samples", "checkout"));
        run = EmbeddedRun.start(Path.of("..", "samples", "checkout"), program, EngineOptions.defaults(state).withParallelism(2),
                GatewayOptions.defaults().withPort(0), InspectorOptions.loopback(0));
        run.gateway().markReady();
        gateway = run.gateway().url().toString().replaceAll("/$", "");
        inspector = run.inspector().orElseThrow().url();
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        FaultInjection.release();
        if (browser != null) {
            browser.close();
        }
        if (run != null) {
            run.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode post(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isBetween(200, 299);
        return mapper.readTree(response.body());
    }

    private HttpResponse<String> inspectorGet(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(inspector + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String newItem(int price, int stock) throws Exception {
        String item = post("/stock/item/create/" + price).path("item_id").asText();
        if (stock > 0) {
            post("/stock/add/" + item + "/" + stock);
        }
        return item;
    }

    private String newUser(int credit) throws Exception {
        String user = post("/payment/create_user").path("user_id").asText();
        post("/payment/add_funds/" + user + "/" + credit);
        return user;
    }

    private String newOrder(String user, String item, int quantity) throws Exception {
        String order = post("/orders/create/" + user).path("order_id").asText();
        post("/orders/addItem/" + order + "/" + item + "/" + quantity);
        return order;
    }

    private void tab(String name) {
        browser.find("#tab-" + name).click();
    }

    private void lookUp(String type, String key) {
        tab("entities");
        new Select(browser.find("#entity-type")).selectByValue(type);
        WebElement field = browser.find("#entity-key");
        field.clear();
        field.sendKeys(key);
        browser.find("#lookup").click();
    }

    private String fieldValue(String field) {
        return browser.find("#entity-fields tr[data-field='" + field + "'] td.value").getText();
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void dataflowShowsEveryEntityOperatorAndTheLoopWithLiveRates() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger checkouts = new AtomicInteger();
        String item = newItem(1, 1_000_000);
        String user = newUser(1_000_000);
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            try {
                while (loading.get()) {
                    post("/orders/checkout/" + newOrder(user, item, 1));
                    checkouts.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            browser.open(inspector);
            for (String type : List.of("checkout.Item", "checkout.Order", "checkout.User")) {
                browser.awaitVisible("#dataflow-graph g.ef-node[data-id='" + type + "']");
            }
            assertThat(browser.driver.findElements(By.cssSelector("#dataflow-graph .ef-edge-feedback"))).isNotEmpty();
            assertThat(browser.find("#dataflow-graph .ef-edge-feedback").getAttribute("data-from")).isEqualTo("loop-tail");
            for (String type : List.of("checkout.Item", "checkout.Order", "checkout.User")) {
                browser.await("records in/s of " + type + " above zero", WAIT, d -> Double.parseDouble(d.findElement(
                        By.cssSelector("#metrics-table tr[data-operator='" + type + "'] td.in")).getText().replace("k", "")) > 0);
            }
            browser.await("a feedback rate on the loop edge", WAIT, d -> d.findElement(By.cssSelector("#dataflow-graph"))
                    .getText().contains("feedback "));
            // the run's default cap, 256 per loop subtask, over its two subtasks
            browser.await("the transactions admitted and the requests waiting", WAIT, d -> d.findElement(By.id("admission"))
                    .getText().matches("transactions active: \\d+ \\(at most 512 in all subtasks\\) · requests waiting to be read: \\d+"));
            browser.screenshot("dataflow");
        } finally {
            loading.set(false);
            load.get(60, TimeUnit.SECONDS);
        }
        assertThat(checkouts.get()).isPositive();
    }

    @Test
    @Order(2)
    void clickingAnEntityShowsItsMethodsAndAMethodItsBlocksBesideItsSource() throws Exception {
        tab("dataflow");
        browser.find("#dataflow-graph g.ef-node[data-id='checkout.Order']").click();
        browser.awaitVisible("#method-list button[data-method='checkout']").click();
        browser.awaitVisible("#method-graph g.ef-node");
        assertThat(browser.driver.findElements(By.cssSelector("#method-graph g.ef-node")).size())
                .as("the blocks of Order.checkout plus entry and exit").isGreaterThanOrEqualTo(4);
        assertThat(browser.find("#source").getText()).contains("public void checkout()");
        assertThat(browser.driver.findElements(By.cssSelector("#source span.line.in-block"))).isNotEmpty();
        browser.screenshot("method");
    }

    @Test
    @Order(3)
    void aWatchedEntityChangesInThePageWithoutAReload() throws Exception {
        String item = newItem(3, 0);
        browser.driver.executeScript("window.notReloaded = true;");
        lookUp("checkout.Item", item);
        browser.await("stock 0", WAIT, d -> fieldValue("stock").equals("0"));
        post("/stock/add/" + item + "/7");
        browser.await("stock 7 after the call", WAIT, d -> fieldValue("stock").equals("7"));
        assertThat(browser.driver.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(browser.find("#lookup-status").getText()).contains("queryable state");
    }

    @Test
    @Order(4)
    void aCheckoutHeldMidTransactionShowsItsSuspendedFrameAndTheLocksItHolds() throws Exception {
        String item = newItem(2, 10);
        String user = newUser(100);
        String order = newOrder(user, item, 3);
        FaultInjection.hold("checkout.User", "pay");
        CompletableFuture<JsonNode> checkout;
        try {
            checkout = CompletableFuture.supplyAsync(() -> {
                try {
                    return post("/orders/checkout/" + order);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            lookUp("checkout.Order", order);
            String frame = browser.await("a suspended checkout", WAIT,
                    d -> d.findElement(By.cssSelector("#suspended tr[data-method='checkout']")).getText());
            assertThat(frame).contains("User.pay");
            assertThat(browser.find("#lock-exclusive").getText()).contains("held exclusively by transaction");
            browser.screenshot("held-checkout");
            lookUp("checkout.Item", item);
            browser.await("the item's uncommitted stock", WAIT, d -> d.findElement(
                    By.cssSelector("#entity-fields tr.uncommitted[data-field='stock']")).getText().contains("7"));
            assertThat(browser.find("#lock-exclusive").getText()).contains("held exclusively");
            assertThat(fieldValue("stock")).contains("committed: 10");
        } finally {
            FaultInjection.release();
        }
        checkout.get(60, TimeUnit.SECONDS);
        lookUp("checkout.Order", order);
        browser.await("the order paid, nothing suspended", WAIT, d -> fieldValue("paid").equals("true")
                && d.findElements(By.cssSelector("#suspended tr[data-method]")).isEmpty());
        assertThat(browser.find("#lock-free").getText()).isEqualTo("free");
    }

    @Test
    @Order(5)
    void aFilterPagesThroughOneHundredThousandItems() throws Exception {
        int count = 100_000;
        Semaphore window = new Semaphore(2_000);
        List<CompletableFuture<Envelope>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = String.format("bulk-%06d", i);
            window.acquire();
            created.add(run.engine().submit(Envelope.create(RequestIds.generate(), EntityRef.of("checkout.Item", key),
                    new Object[] {key, i % 10}, List.of())).whenComplete((r, e) -> window.release()));
        }
        CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        lookUp("checkout.Item", "bulk-000007");
        browser.await("a bulk item", WAIT, d -> fieldValue("price").equals("7"));
        WebElement filter = browser.find("#filter");
        filter.clear();
        filter.sendKeys("price = 7 and itemId ~ \"bulk-\"");
        browser.find("#list-button").click();
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= 3; page++) {
            int expectedPage = page;
            browser.await("page " + page, WAIT, d -> d.findElement(By.cssSelector("#list-status")).getText()
                    .startsWith("page " + expectedPage + " "));
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#list-table tbody tr"));
            assertThat(rows).hasSize(50);
            for (WebElement row : rows) {
                String key = row.getAttribute("data-key");
                assertThat(key).startsWith("bulk-").endsWith("7");
                assertThat(seen.add(key)).as("each page shows other entities").isTrue();
            }
            String status = browser.find("#list-status").getText();
            long total = Long.parseLong(status.replaceAll(".* of (\\d+) entities.*", "$1"));
            assertThat(total).as("every item counted: " + status).isGreaterThanOrEqualTo(count);
            if (page == 1) {
                browser.screenshot("filter");
            }
            browser.find("#next-page").click();
        }
        HttpResponse<String> direct = inspectorGet("api/entities/checkout.Item?limit=200&filter=price%20%3E%3D%200");
        assertThat(mapper.readTree(direct.body()).path("items").size()).as("never more than a page").isEqualTo(200);
    }

    @Test
    @Order(6)
    void aSavepointIsTriggeredOpenedAndDiffedAgainstAnEarlierOne() throws Exception {
        String changed = newItem(4, 1);
        tab("snapshots");
        browser.find("#trigger-savepoint").click();
        browser.await("the first savepoint", Duration.ofSeconds(120), d -> d.findElement(By.cssSelector("#savepoint-status"))
                .getText().contains("taken"));
        String first = browser.find("#savepoint-status").getText().replace("savepoint ", "").replace(" taken", "");
        post("/stock/add/" + changed + "/5");
        String added = newItem(9, 0);
        browser.find("#trigger-savepoint").click();
        browser.await("the second savepoint", Duration.ofSeconds(120), d -> {
            String status = d.findElement(By.cssSelector("#savepoint-status")).getText();
            return status.contains("taken") && !status.contains(first);
        });
        String second = browser.find("#savepoint-status").getText().replace("savepoint ", "").replace(" taken", "");
        selectInRedrawnList("#diff-from", first);
        selectInRedrawnList("#diff-to", second);
        browser.find("#diff-button").click();
        browser.awaitVisible("#diff-view table[data-type='checkout.Item']");
        List<WebElement> itemRows = browser.driver.findElements(By.cssSelector("#diff-view table[data-type='checkout.Item'] tbody tr"));
        assertThat(itemRows).extracting(r -> r.getAttribute("data-change") + " " + r.getAttribute("data-key"))
                .containsExactlyInAnyOrder("added " + added, "changed " + changed);
        assertThat(browser.find("#diff-view table[data-type='checkout.Item'] tr[data-key='" + changed + "']").getText())
                .contains("stock: 1 → 6");
        for (String other : List.of("checkout.Order", "checkout.User")) {
            assertThat(browser.driver.findElements(By.cssSelector("#diff-view table[data-type='" + other + "'] tbody tr"))).isEmpty();
        }
        browser.screenshot("diff");
        browser.click("#savepoints tr[data-savepoint='" + second + "'] button.browse"); // the table is redrawn every 5 s
        browser.await("the savepoint's items", Duration.ofSeconds(60), d -> d.findElement(By.cssSelector("#list-status"))
                .getText().contains("savepoint " + second));
    }

    @Test
    @Order(7)
    void aTracedCheckoutShowsItsBlocksInOrderAcrossOrderItemAndUser() throws Exception {
        String item = newItem(2, 10);
        String user = newUser(100);
        String order = newOrder(user, item, 1);
        tab("traces");
        new Select(browser.find("#trace-type")).selectByValue("checkout.Order");
        browser.find("#trace-method").sendKeys("checkout");
        browser.find("#trace-arm").click();
        browser.await("armed", WAIT, d -> d.findElement(By.cssSelector("#trace-status")).getText().contains("Order.checkout"));
        post("/orders/checkout/" + order);
        // other requests are sampled too (0.1 %), and the list is redrawn every 2 s: find this checkout's row each time
        String call = "Order/" + order + ".checkout";
        browser.await("the trace of " + call + ", answered", WAIT, d -> {
            for (WebElement row : d.findElements(By.cssSelector("#trace-list tbody tr[data-trace]"))) {
                if (row.getText().contains(call)) {
                    row.click();
                    return d.findElement(By.cssSelector("#trace-timeline")).getText().contains("ANSWERED")
                            && d.findElements(By.cssSelector("#trace-timeline .event")).size() >= 6;
                }
            }
            return false;
        });
        List<String> steps = new ArrayList<>();
        for (WebElement event : browser.driver.findElements(By.cssSelector("#trace-timeline .event"))) {
            String kind = event.getAttribute("data-kind");
            if (kind.equals("CALL") || kind.equals("RETURN")) {
                steps.add(event.getAttribute("data-type") + " " + kind + (kind.equals("CALL") ? " " + event.getAttribute("data-block") : ""));
            }
        }
        // Order.checkout starts in block 0, calls Item.subtractStock, resumes, calls User.pay, resumes
        assertThat(steps.get(0)).isEqualTo("Order CALL 0");
        assertThat(steps).containsSubsequence("Order CALL 0", "Item CALL 0", "Order RETURN", "User CALL 0", "Order RETURN");
        List<String> resumedBlocks = new ArrayList<>();
        for (WebElement event : browser.driver.findElements(By.cssSelector("#trace-timeline .event[data-kind='RETURN'][data-type='Order']"))) {
            resumedBlocks.add(event.getAttribute("data-block"));
        }
        assertThat(resumedBlocks).as("the blocks it resumes at, in order").isSortedAccordingTo(
                java.util.Comparator.comparingInt(Integer::parseInt)).doesNotHaveDuplicates();
        browser.screenshot("trace");
    }

    @Test
    @Order(8)
    void badInputGetsAClearMessageInThePageAndA4xxFromTheApi() throws Exception {
        assertThat(inspectorGet("api/entities/Nope/x").statusCode()).isEqualTo(404);
        assertThat(inspectorGet("api/entities/Nope/x").body()).contains("unknown_type").contains("checkout.Item");
        assertThat(inspectorGet("api/entities/checkout.Item/no-such-item").body()).contains("no Item with key no-such-item");
        assertThat(inspectorGet("api/entities/checkout.Item/no-such-item").statusCode()).isEqualTo(404);
        HttpResponse<String> filter = inspectorGet("api/entities/checkout.Item?filter=stock%20%3C");
        assertThat(filter.statusCode()).isEqualTo(400);
        assertThat(filter.body()).contains("bad_filter").doesNotContain("Exception").doesNotContain("at io.");
        assertThat(inspectorGet("api/entities/checkout.Item?snapshot=nope").statusCode()).isEqualTo(404);
        assertThat(inspectorGet("api/diff?from=nope&to=nope").body()).contains("unknown_snapshot");

        lookUp("checkout.Item", "no-such-item");
        browser.await("the unknown key's message", WAIT, d -> d.findElement(By.id("message")).getText().contains("no Item with key no-such-item"));
        WebElement filterField = browser.find("#filter");
        filterField.clear();
        filterField.sendKeys("stok < 10");
        browser.find("#list-button").click();
        browser.await("the filter's message", WAIT, d -> d.findElement(By.id("message")).getText().contains("no field 'stok'"));
    }

    @Test
    @Order(9)
    void boundElsewhereTheInspectorRefusesRequestsWithoutItsToken() throws Exception {
        var engine = run.engine();
        try (Inspector open = Inspector.start(new InspectedJob(engine.jobId(), engine.webUiUrl(),
                CompiledProgram.compile(Path.of("..", "samples", "checkout")), Path.of("..", "samples", "checkout"), engine.queryableStateProxy(), null, null),
                new InspectorOptions("0.0.0.0", 0, null))) {
            assertThat(open.options().requiresToken()).isTrue();
            String base = "http://127.0.0.1:" + open.port() + "/";
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "api/overview")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("unauthorized");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(401);
            HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create(base + "api/overview"))
                    .header("Authorization", "Bearer " + open.options().token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
        }
    }

    /**
     * Chooses an option of a list the page fills anew every 5 s (the savepoints'): an option found just before a
     * redraw is gone when clicked (a red CI run: StaleElementReference), so choose again until the list shows it.
     */
    private void selectInRedrawnList(String css, String value) {
        browser.await(css + " set to " + value, Duration.ofSeconds(30), d -> {
            new Select(d.findElement(By.cssSelector(css))).selectByValue(value);
            return value.equals(d.findElement(By.cssSelector(css)).getAttribute("value"));
        });
    }
}
