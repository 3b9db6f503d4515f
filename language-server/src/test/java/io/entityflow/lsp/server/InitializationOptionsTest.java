package io.entityflow.lsp.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.entityflow.lsp.testing.LspSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.entityflow.lsp.testing.DiagnosticAssert.lines;
import static org.assertj.core.api.Assertions.assertThat;

/** A setting the client got wrong is warned about and ignored: the server still starts and works. */
class InitializationOptionsTest {
    private static final String LONER = lines("package o; import io.entityflow.api.*;",
            "@Entity public class Loner {",
            "    @Key private String id; static int n = 0;",
            "    public Loner(String id) { this.id = id; }",
            "}");

    @Test
    void aDebounceThatIsAStringKeepsTheDefault() throws Exception {
        JsonObject options = new JsonObject();
        options.addProperty("debounceMillis", "fast");
        try (LspSession session = LspSession.start(options)) {
            assertThat(session.initializeResult().getServerInfo().getName()).isEqualTo("entityflow");
            assertThat(session.client().warnings()).anySatisfy(m -> assertThat(m.getMessage()).contains("debounceMillis"));
            assertThat(session.open(LspSession.uri("o/Loner.java"), LONER)).hasSize(1);
        }
    }

    @Test
    void aDebounceThatIsNullOrNotANumberIsIgnored() {
        // JSON null does not survive the test client's serialisation (Gson drops nulls): read directly
        List<String> warnings = new ArrayList<>();
        for (JsonElement value : List.of(JsonNull.INSTANCE, new JsonPrimitive("fast"), new JsonPrimitive(true), new JsonObject())) {
            JsonObject options = new JsonObject();
            options.add("debounceMillis", value);
            assertThat(InitializationOptions.debounceMillis(options, warnings::add)).as(value.toString()).isEmpty();
        }
        assertThat(warnings).hasSize(4);
        JsonObject number = new JsonObject();
        number.addProperty("debounceMillis", 50);
        assertThat(InitializationOptions.debounceMillis(number, warnings::add)).hasValue(50);
        assertThat(InitializationOptions.debounceMillis(new JsonObject(), warnings::add)).isEmpty();
        assertThat(warnings).hasSize(4);
    }

    @Test
    void aNegativeDebounceMeansNone() throws Exception {
        JsonObject options = new JsonObject();
        options.addProperty("debounceMillis", -5);
        try (LspSession session = LspSession.start(options)) {
            assertThat(session.open(LspSession.uri("o/Loner.java"), LONER)).hasSize(1);
            assertThat(session.client().warnings()).isEmpty();
        }
    }
}
