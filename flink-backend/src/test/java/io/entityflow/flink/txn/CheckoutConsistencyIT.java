package io.entityflow.flink.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.flink.embedded.EmbeddedEngine;
import io.entityflow.flink.embedded.EngineOptions;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.flink.runtime.FaultInjection;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WDM course's consistency test at engine level, on the real job: one item with 100 stock at price 1,
 * 1,000 users with 1 credit, 1,000 one-item orders checked out concurrently: exactly 100 succeed, the
 * stock is 0, the credits sum to 900, exactly 100 orders are paid. Again with task failures injected
 * during the checkouts (clients retrying with the same idempotency key): the same result. The engine admits
 * at most {@link #MAX_ACTIVE} transactions per loop subtask: the 1,000 checkouts queue in the request log and
 * go in as others end, across the restarts too.
 */
class CheckoutConsistencyIT {
    private static final int USERS = 1_000;
    private static final int STOCK = 100;
    private static final int MAX_ACTIVE = 8;
    @TempDir
    static Path state;
    private static EmbeddedEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = EmbeddedEngine.start(CompiledProgram.compile(Path.of("..", "samples", "checkout")),
                EngineOptions.defaults(state).withCheckpointInterval(java.time.Duration.ofMillis(50))
                        .withMaxActiveTransactions(MAX_ACTIVE));
    }

    @AfterAll
    static void stop() throws Exception {
        FaultInjection.disarm();
        engine.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void exactlyTheStockIsSold() throws Exception {
        runCourseTest("plain", false);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void exactlyTheStockIsSoldThroughTaskFailures() throws Exception {
        runCourseTest("failing", true);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void flinkReportsEachSubtasksWaitingRequestsAndActiveTransactions() throws Exception {
        String job = "/jobs/" + engine.jobId();
        String source = null;
        for (JsonNode vertex : rest(job).path("vertices")) {
            if (vertex.path("name").asText().startsWith("Source: requests")) {
                source = vertex.path("id").asText();
            }
        }
        assertThat(source).as("the requests' vertex").isNotNull();
        // Flink's web server fetches the task managers' metrics in the background, at most every 10 s: the first
        // answers may not hold them yet
        List<String> ids = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            rest(job + "/vertices/" + source + "/metrics").forEach(metric -> ids.add(metric.path("id").asText()));
            if (ids.stream().anyMatch(id -> id.endsWith(".activeTransactions")) || System.nanoTime() > deadline) {
                break;
            }
            ids.clear();
            Thread.sleep(500);
        }
        List<String> wanted = new ArrayList<>();
        for (int subtask = 0; subtask < engine.options().parallelism(); subtask++) {
            for (String gauge : List.of("pendingRecords", "activeTransactions", "maxActiveTransactions", "overdueAdmissions")) {
                String prefix = subtask + ".";
                String suffix = "." + gauge;
                String id = ids.stream().filter(name -> name.startsWith(prefix) && name.endsWith(suffix)).findFirst()
                        .orElseThrow(() -> new AssertionError("no gauge " + gauge + " of subtask " + prefix + " in " + ids));
                wanted.add(id);
            }
        }
        Map<String, String> values = new HashMap<>();
        rest(job + "/vertices/" + source + "/metrics?get=" + String.join(",", wanted))
                .forEach(metric -> values.put(metric.path("id").asText(), metric.path("value").asText()));
        assertThat(values).hasSize(wanted.size());
        values.forEach((id, value) -> {
            if (id.endsWith(".maxActiveTransactions")) {
                assertThat(value).as(id).isEqualTo(String.valueOf(MAX_ACTIVE));
            } else {
                assertThat(Long.parseLong(value)).as(id).isNotNegative();
            }
        });
    }

    private static JsonNode rest(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(engine.webUiUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static void runCourseTest(String prefix, boolean injectFailures) throws Exception {
        EntityRef item = new EntityRef("checkout.Item", prefix + "-item");
        await(List.of(send(Envelope.create(RequestIds.generate(), item, new Object[]{item.key(), 1}, List.of()))));
        await(List.of(call(item, "addStock", STOCK)));
        List<CompletableFuture<Object>> setup = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            EntityRef user = user(prefix, u);
            setup.add(send(Envelope.create(RequestIds.generate(), user, new Object[]{user.key()}, List.of()))
                    .thenCompose(created -> call(user, "addFunds", 1)));
        }
        await(setup);
        setup.clear();
        for (int u = 0; u < USERS; u++) {
            EntityRef order = order(prefix, u);
            setup.add(send(Envelope.create(RequestIds.generate(), order, new Object[]{order.key(), user(prefix, u)}, List.of()))
                    .thenCompose(created -> call(order, "addItem", item, 1)));
        }
        await(setup);

        // the first failure a few hundred envelopes into the checkouts, the second as many after the restart
        TwoTaskFailures failures = injectFailures ? TwoTaskFailures.arm(300) : null;
        List<CompletableFuture<Object>> checkouts = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            Envelope checkout = Envelope.call(prefix + "-checkout-" + u, order(prefix, u), "checkout", new Object[0], List.of());
            checkouts.add(untilAcknowledged(checkout));
        }
        List<Object> outcomes = await(checkouts);
        if (failures != null) {
            assertThat(failures.awaitBoth()).as("task failures during the checkouts").isEqualTo(2);
        }
        long succeeded = outcomes.stream().filter(outcome -> !(outcome instanceof RemoteFailure)).count();
        assertThat(outcomes).filteredOn(outcome -> outcome instanceof RemoteFailure).allSatisfy(outcome ->
                assertThat(((RemoteFailure) outcome).message()).contains("has not enough stock"));
        assertThat(succeeded).as("checkouts that succeeded").isEqualTo(STOCK);
        assertThat(await(List.of(call(item, "getStock"))).get(0)).isEqualTo(0);
        List<CompletableFuture<Object>> credits = new ArrayList<>();
        List<CompletableFuture<Object>> paid = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            credits.add(call(user(prefix, u), "getCredit"));
            paid.add(call(order(prefix, u), "isPaid"));
        }
        assertThat(await(credits).stream().mapToInt(credit -> (Integer) credit).sum()).as("credit left").isEqualTo(USERS - STOCK);
        assertThat(await(paid).stream().filter(Boolean.TRUE::equals).count()).as("paid orders").isEqualTo(STOCK);
        // every transaction begun by the running attempt ended there; the failed attempts' ones were forgotten
        assertThat(engine.transactionAdmissions()).allSatisfy(admission -> {
            assertThat(admission.active()).as("transactions still counted active").isZero();
            // over the cap only by transactions restored from a checkpoint (each of the two restarts in this class
            // brings back at most what was active: the cap again) and by requests let in when no transaction ended
            // for a whole pause (a GC, a slow checkpoint); without the cap it would be hundreds
            assertThat(admission.mostActive()).as("most active at once")
                    .isBetween(1, 3 * MAX_ACTIVE + (int) admission.overdueAdmissions());
        });
    }

    private static EntityRef user(String prefix, int u) {
        return new EntityRef("checkout.User", prefix + "-user-" + u);
    }

    private static EntityRef order(String prefix, int u) {
        return new EntityRef("checkout.Order", prefix + "-order-" + u);
    }

    private static CompletableFuture<Object> call(EntityRef target, String method, Object... args) {
        return send(Envelope.call(RequestIds.generate(), target, method, args, List.of()));
    }

    private static CompletableFuture<Object> send(Envelope request) {
        return engine.submit(request).thenApply(Envelope::value);
    }

    private static CompletableFuture<Object> untilAcknowledged(Envelope request) {
        return engine.submit(request).copy().orTimeout(20, TimeUnit.SECONDS).<Object>thenApply(Envelope::value)
                .exceptionallyCompose(failure -> failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException
                        ? untilAcknowledged(request) : CompletableFuture.failedFuture(failure));
    }

    private static List<Object> await(List<CompletableFuture<Object>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        List<Object> values = new ArrayList<>();
        for (CompletableFuture<Object> future : futures) {
            Object value = future.get();
            if (value instanceof RemoteFailure failure && !failure.message().contains("has not enough stock")) {
                throw new AssertionError("unexpected failure: " + failure);
            }
            values.add(value);
        }
        return values;
    }
}
