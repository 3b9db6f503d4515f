package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.flink.embedded.EmbeddedEngine;
import io.entityflow.flink.embedded.EngineOptions;
import io.entityflow.flink.runtime.FaultInjection;
import io.entityflow.ir.codegen.CompiledProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure inside entityflow while handling one envelope (not in entity code) fails that request with a
 * 500 JSON error naming it, while everything else goes on: 1,000 concurrent calls to other entities all
 * succeed, the job never restarts (a task failure would replay the envelope into a restart loop), and
 * the job still stops with a savepoint.
 */
class ContainmentIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 50;
    private static final int CALLS = 1000;
    @TempDir
    Path stateDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void cure() {
        FaultInjection.cure();
    }

    @Test
    void aPoisonEnvelopeFailsItsRequestAloneAndTheJobGoesOn() throws Exception {
        CompiledProgram program = CompiledProgram.compile(Path.of("..", "samples", "shop"));
        try (EmbeddedEngine engine = EmbeddedEngine.start(program, EngineOptions.defaults(stateDir));
             Gateway gateway = new Gateway(program, engine::submit, GatewayOptions.defaults().withPort(0)).start()) {
            for (int i = 0; i < ITEMS; i++) {
                assertThat(post(gateway, "/entities/Item", "{\"args\":[\"i" + i + "\",1]}", null).join().statusCode()).isEqualTo(201);
            }
            assertThat(post(gateway, "/entities/Item", "{\"args\":[\"bad\",1]}", null).join().statusCode()).isEqualTo(201);

            FaultInjection.poison("shop.Item/bad");
            CompletableFuture<HttpResponse<String>> poisoned =
                    post(gateway, "/entities/Item/bad/updateStock", "{\"args\":[5]}", "poison-request-1");
            List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
            for (int c = 0; c < CALLS; c++) {
                others.add(post(gateway, "/entities/Item/i" + (c % ITEMS) + "/updateStock", "{\"args\":[1]}", null));
            }

            HttpResponse<String> failed = poisoned.join();
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/json"));
            JsonNode error = JSON.readTree(failed.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("internal_error");
            assertThat(error.path("message").asText()).contains("poison-request-1").contains("Item(bad).updateStock");
            for (CompletableFuture<HttpResponse<String>> call : others) {
                assertThat(call.join().statusCode()).isEqualTo(200);
            }
            FaultInjection.cure();

            for (int i = 0; i < ITEMS; i++) {
                JsonNode item = JSON.readTree(get(gateway, "/entities/Item/i" + i).body());
                assertThat(item.path("stock").asInt()).as("stock of i%d", i).isEqualTo(CALLS / ITEMS);
            }
            assertThat(post(gateway, "/entities/Item/bad/updateStock", "{\"args\":[5]}", null).join().statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(get(gateway, "/entities/Item/bad").body()).path("stock").asInt()).isEqualTo(5);

            JsonNode exceptions = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create(engine.webUiUrl() + "/jobs/" + engine.jobId() + "/exceptions")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(exceptions.path("exceptionHistory").path("entries").size()).as("task failures: %s", exceptions).isZero();

            Path savepoint = engine.stopWithSavepoint();
            assertThat(Files.exists(savepoint.resolve("_metadata"))).isTrue();
        }
    }

    private CompletableFuture<HttpResponse<String>> post(Gateway gateway, String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Gateway gateway, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
