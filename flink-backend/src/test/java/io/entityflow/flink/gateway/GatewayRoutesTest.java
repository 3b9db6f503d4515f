package io.entityflow.flink.gateway;

import io.entityflow.api.gateway.GatewayError;
import io.entityflow.api.gateway.GatewayRoutes;
import io.entityflow.api.gateway.GatewayRouting;
import io.entityflow.api.gateway.RouteResponse;
import io.entityflow.ir.codegen.CompiledProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routes contributed through the SPI: given explicitly or found by ServiceLoader, answering like the entity API. */
class GatewayRoutesTest {
    private static CompiledProgram program;
    private static InMemoryJob job;
    private static Gateway gateway;
    private static HttpProbe http;

    /** What a sample's routes look like: paths of its own, answered by calling entities. */
    static final class ShelfRoutes implements GatewayRoutes {
        @Override
        public void register(GatewayRouting routing) {
            routing.get("/greeting/{name}", request -> request.entities()
                            .call("Shelf", request.pathParam("name"), "getCapacity")
                            .thenApply(capacity -> RouteResponse.ok(Map.of("greeting", "hello " + request.pathParam("name"),
                                    "capacity", capacity))))
                    .post("/shelves/{name}", request -> request.entities()
                            .create("Shelf", request.pathParam("name"), capacityIn(request.body()))
                            .thenApply(key -> RouteResponse.created(Map.of("name", key))))
                    .post("/shelves/{name}/grow", request -> request.entities()
                            .call("Shelf", request.pathParam("name"), "getCapacity")
                            .thenCompose(capacity -> request.entities()
                                    .call("Shelf", request.pathParam("name"), "resize", (Integer) capacity + 1))
                            .thenApply(ignored -> RouteResponse.ok(null)))
                    .get("/resize/{name}/{capacity}", request -> request.entities()
                            .call("Shelf", request.pathParam("name"), "resize", request.pathParam("capacity"))
                            .thenApply(RouteResponse::ok))
                    .get("/refused", request -> {
                        throw new GatewayError(409, "out_of_stock", "item x is out of stock");
                    })
                    .get("/failed", request -> CompletableFuture.failedFuture(new GatewayError(400, "bad_order", "no such order")))
                    .get("/broken", request -> {
                        throw new IllegalStateException("internal detail that must not leak");
                    })
                    .get("/never", request -> new CompletableFuture<>())
                    // declared after /greeting/{name}: the literal segment wins anyway
                    .get("/greeting/everyone", request -> CompletableFuture.completedFuture(
                            RouteResponse.ok(Map.of("greeting", "hello everyone"))))
                    .get("/echo/{text}", request -> CompletableFuture.completedFuture(
                            RouteResponse.ok(Map.of("text", request.pathParam("text")))))
                    .get("/misnamed/{text}", request -> CompletableFuture.completedFuture(
                            RouteResponse.ok(request.pathParam("other"))));
        }
    }

    /** Found through META-INF/services in the program's class loader. */
    public static final class DiscoveredRoutes implements GatewayRoutes {
        @Override
        public void register(GatewayRouting routing) {
            routing.get("/discovered", request -> CompletableFuture.completedFuture(RouteResponse.ok(Map.of("found", true))));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        program = CompiledProgram.compile(ArgumentConversionTest.FIXTURE);
        job = new InMemoryJob(program.classes());
        GatewayOptions options = GatewayOptions.defaults().withPort(0).withResponseTimeout(Duration.ofSeconds(1));
        gateway = new Gateway(program, job, options, List.of(new ShelfRoutes())).start();
        gateway.markReady();
        http = new HttpProbe(gateway.url());
        http.post("/entities/Shelf", "{\"args\":[\"ann\", 4]}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void routesCallEntities() {
        HttpProbe.Answer greeting = http.get("/greeting/ann");
        assertThat(greeting.status()).isEqualTo(200);
        assertThat(greeting.json().path("greeting").asText()).isEqualTo("hello ann");
        assertThat(greeting.json().path("capacity").asInt()).isEqualTo(4);
        HttpProbe.Answer created = http.post("/shelves/bob", "{\"capacity\": 9}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().toString()).isEqualTo("{\"name\":\"bob\"}");
        assertThat(http.get("/greeting/bob").json().path("capacity").asInt()).isEqualTo(9);
        assertThat(http.get("/resize/bob/12").json().isNull()).as("text from the URL converted to the int parameter").isTrue();
        assertThat(http.get("/greeting/bob").json().path("capacity").asInt()).isEqualTo(12);
    }

    @Test
    void operationsOfARequestWithAnIdempotencyKeyGetIdsDerivedFromIt() {
        http.post("/shelves/carl/grow", "", "Idempotency-Key", "grow-carl");
        // carl does not exist: the first call fails, so only one operation ran
        http.post("/entities/Shelf", "{\"args\":[\"dora\", 1]}");
        http.post("/shelves/dora/grow", "", "Idempotency-Key", "grow-dora");
        List<String> ids = job.submitted().stream().map(e -> e.requestId()).filter(id -> id.startsWith("grow-")).toList();
        assertThat(ids).containsExactly("grow-carl#1", "grow-dora#1", "grow-dora#2");
        assertThat(http.get("/greeting/dora").json().path("capacity").asInt()).isEqualTo(2);
    }

    @Test
    void failuresOfRoutesAreTheGatewaysJsonErrors() {
        HttpProbe.Answer refused = http.get("/refused");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().toString()).isEqualTo("{\"error\":{\"code\":\"out_of_stock\",\"message\":\"item x is out of stock\"}}");
        assertThat(http.get("/failed").json().toString()).isEqualTo("{\"error\":{\"code\":\"bad_order\",\"message\":\"no such order\"}}");
        HttpProbe.Answer broken = http.get("/broken");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.errorCode()).isEqualTo("internal_error");
        assertThat(broken.text()).doesNotContain("internal detail");
        HttpProbe.Answer unknown = http.get("/greeting/nobody");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().toString()).isEqualTo("{\"error\":{\"code\":\"unknown_key\",\"message\":\"no entity Shelf(nobody)\","
                + "\"type\":\"io.entityflow.api.NoSuchEntityException\"}}");
        HttpProbe.Answer badArgument = http.get("/resize/ann/big");
        assertThat(badArgument.status()).isEqualTo(400);
        assertThat(badArgument.errorMessage()).isEqualTo("argument 1 (capacity) of depot.Shelf.resize: expected int, got \"big\"");
        HttpProbe.Answer negative = http.post("/shelves/neg", "{\"capacity\": -1}");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.json().path("error").path("type").asText()).isEqualTo("io.entityflow.api.EntityException");
        HttpProbe.Answer malformed = http.post("/shelves/x", "{");
        assertThat(malformed.errorCode()).as("a GatewayError thrown by route code").isEqualTo("malformed_json");
        HttpProbe.Answer never = http.get("/never");
        assertThat(never.status()).isEqualTo(504);
        assertThat(never.errorMessage()).isEqualTo("the route did not answer within 1000 ms");
    }

    @Test
    void pathsFindTheirRouteByLiteralSegmentsFirstAndParametersArriveDecoded() {
        assertThat(http.get("/greeting/everyone").json().toString()).isEqualTo("{\"greeting\":\"hello everyone\"}");
        assertThat(http.get("/greeting/ann").json().path("capacity").asInt()).isEqualTo(4);
        assertThat(http.get("/echo/caf%C3%A9%20au+lait").json().path("text").asText()).isEqualTo("café au+lait");
        HttpProbe.Answer misnamed = http.get("/misnamed/x");
        assertThat(misnamed.status()).as("a route asking for a parameter it does not declare").isEqualTo(500);
        assertThat(misnamed.errorCode()).isEqualTo("internal_error");
    }

    @Test
    void unknownPathsAndOtherMethodsAreTheGatewaysNotFound() {
        for (HttpProbe.Answer unknown : List.of(http.get("/no/such/route"), http.post("/greeting/ann", ""),
                http.get("/greeting/ann/more"), http.get("/"))) {
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCode()).isEqualTo("not_found");
            assertThat(unknown.errorMessage()).startsWith("no route ").contains("the entity API: POST /entities/{Type}");
        }
        assertThat(http.get("/entities/Shelf/ann").status()).as("the entity API before the routes").isEqualTo(200);
        assertThat(http.head("/no/such/route")).as("HEAD of an unknown path").isEqualTo(404);
        assertThat(http.head("/greeting/ann")).as("HEAD of a GET route: 200, no body").isEqualTo(200);
        assertThat(http.post("/entities/Shelf//", "{\"args\":[\"slashes\", 1]}").status()).isEqualTo(404);
    }

    @Test
    void routesAreFoundWithServiceLoaderInTheProgramsClassLoader(@TempDir Path classes) throws Exception {
        Path services = classes.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(GatewayRoutes.class.getName()), DiscoveredRoutes.class.getName() + "\n");
        try (URLClassLoader withServices = new URLClassLoader(new URL[]{classes.toUri().toURL()}, program.classes());
             Gateway discovering = new Gateway(new CompiledProgram(program.analysis(), withServices, List.of()), job,
                     GatewayOptions.defaults().withPort(0)).start()) {
            HttpProbe.Answer answer = new HttpProbe(discovering.url()).get("/discovered");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().toString()).isEqualTo("{\"found\":true}");
        }
        assertThat(http.get("/discovered").status()).as("not in the other gateway's program").isEqualTo(404);
    }

    @Test
    void aRouteMayTakeTheRootPath() {
        GatewayRoutes home = routing -> routing.get("/", request -> CompletableFuture.completedFuture(RouteResponse.ok(Map.of("home", true))));
        try (Gateway withHome = new Gateway(program, job, GatewayOptions.defaults().withPort(0), List.of(home)).start()) {
            HttpProbe probe = new HttpProbe(withHome.url());
            assertThat(probe.get("/").json().toString()).isEqualTo("{\"home\":true}");
            assertThat(probe.get("/health").status()).isIn(200, 503);
        }
    }

    @Test
    void aRouteForTheEntityApisPathsIsRefusedWhenDeclared() {
        GatewayRoutes health = routing -> routing.get("/health/", request -> CompletableFuture.completedFuture(RouteResponse.ok(null)));
        assertThatThrownBy(() -> new Gateway(program, job, GatewayOptions.defaults().withPort(0), List.of(health)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("route GET /health/ matches the same paths as GET /health");
    }

    @Test
    void aSecondRouteForTheSamePathsIsRefusedWhenDeclared() {
        GatewayRoutes twice = routing -> routing.get("/orders/{id}", request -> CompletableFuture.completedFuture(RouteResponse.ok(null)))
                .get("/orders/{order}", request -> CompletableFuture.completedFuture(RouteResponse.ok(null)));
        assertThatThrownBy(() -> new Gateway(program, job, GatewayOptions.defaults().withPort(0), List.of(twice)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route GET /orders/{order} matches the same paths as GET /orders/{id}");
    }

    @Test
    void routesCannotShadowTheEntityApi() {
        GatewayRoutes shadowing = routing -> routing.get("/entities/{type}/{key}/x",
                request -> CompletableFuture.completedFuture(RouteResponse.ok(null)));
        assertThatThrownBy(() -> new Gateway(program, job, GatewayOptions.defaults().withPort(0), List.of(shadowing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would shadow the gateway's own API");
    }

    /** Route code parses its own bodies (the SPI has no JSON library) and refuses bad ones with a GatewayError. */
    private static int capacityIn(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("capacity").asInt();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new io.entityflow.api.gateway.GatewayError(400, "malformed_json", "the body is not JSON: " + e.getOriginalMessage());
        }
    }
}
