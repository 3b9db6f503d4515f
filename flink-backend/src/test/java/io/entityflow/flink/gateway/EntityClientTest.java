package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JavaType;
import io.entityflow.flink.gateway.client.EntityClient;
import io.entityflow.flink.gateway.client.EntityClientException;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java client against a gateway over the in-memory runtime: encoding, typed results, errors. */
class EntityClientTest {
    private static Gateway gateway;
    private static EntityClient client;

    @BeforeAll
    static void start() throws Exception {
        CompiledProgram program = CompiledProgram.compile(ArgumentConversionTest.FIXTURE);
        gateway = new Gateway(program, new InMemoryJob(program.classes()), GatewayOptions.defaults().withPort(0)).start();
        client = EntityClient.connect(URI.create(gateway.url() + "/"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void keysAndArgumentsOfAnyTextTravelIntact() {
        assertThat(client.create("Shelf", "ä/b c?d#e%", 2).asText()).isEqualTo("ä/b c?d#e%");
        assertThat(client.call(Integer.class, "Shelf", "ä/b c?d#e%", "getCapacity")).isEqualTo(2);
        assertThat(client.state("Shelf", "ä/b c?d#e%").path("name").asText()).isEqualTo("ä/b c?d#e%");
    }

    @Test
    void resultsBindToGenericTypes() {
        client.create("Crate", 5L, 1);
        client.create("Shelf", "typed");
        client.call("Shelf", "typed", "store", Map.of("crate", new EntityRef("depot.Crate", 5L), "count", 4));
        JavaType slots = client.mapper().getTypeFactory().constructCollectionType(List.class,
                client.mapper().getTypeFactory().constructMapType(Map.class, String.class, Object.class));
        List<Map<String, Object>> bound = client.call(slots, "Shelf", "typed", "getSlots");
        assertThat(bound).containsExactly(Map.of("crate", Map.of("type", "depot.Crate", "key", 5), "count", 4));
        assertThat(client.call(EntityRef.class, "Shelf", "typed", "firstCrate")).isEqualTo(new EntityRef("depot.Crate", 5));
        assertThat(client.callAsync("Shelf", "typed", "getCapacity").join().asInt()).isEqualTo(10);
        assertThat(client.createAsync("Shelf", "async").join().asText()).isEqualTo("async");
        assertThat(client.stateAsync("Shelf", "async").join().path("capacity").asInt()).isEqualTo(10);
    }

    @Test
    void errorAnswersBecomeExceptionsWithTheGatewaysFields() {
        assertThatThrownBy(() -> client.call("Shelf", "nobody", "resize", 1)).isInstanceOfSatisfying(EntityClientException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("unknown_key");
            assertThat(e.type()).isEqualTo("io.entityflow.api.NoSuchEntityException");
            assertThat(e.getMessage()).isEqualTo("no entity Shelf(nobody)");
        });
        client.create("Shelf", "strict");
        assertThatThrownBy(() -> client.call("Shelf", "strict", "resize", "x")).isInstanceOfSatisfying(EntityClientException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("bad_argument");
            assertThat(e.type()).isNull();
            assertThat(e.getMessage()).isEqualTo("argument 1 (capacity) of depot.Shelf.resize: expected int, got \"x\"");
        });
        assertThatThrownBy(() -> client.call(Integer.class, "Shelf", "strict", "getTag"))
                .isInstanceOfSatisfying(EntityClientException.class, e -> assertThat(e.code()).isEqualTo("unexpected_result"));
    }

    @Test
    void anUnreachableGatewayIsStatusZero() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EntityClient nowhere = EntityClient.connect(URI.create("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> nowhere.create("Shelf", "x")).isInstanceOfSatisfying(EntityClientException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.code()).isEqualTo("unreachable");
        });
        assertThat(nowhere.isReady()).isFalse();
        assertThat(client.isReady()).as("not marked ready").isFalse();
    }
}
