package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Entity references in JSON are {@code {"type", "key"}} both ways, and anything else is refused by name. */
class EntityJsonTest {
    private final ObjectMapper mapper = EntityJson.newMapper();

    record Line(EntityRef item, int quantity) {
    }

    @Test
    void referencesRoundTripWithTheirKeysNaturalType() throws Exception {
        for (EntityRef ref : List.of(new EntityRef("shop.Item", "pen"), new EntityRef("depot.Crate", 5),
                new EntityRef("depot.Crate", 5_000_000_000L))) {
            String json = mapper.writeValueAsString(ref);
            assertThat(mapper.readValue(json, EntityRef.class)).isEqualTo(ref);
        }
        assertThat(mapper.readValue("{\"key\": \"pen\", \"type\": \"shop.Item\"}", EntityRef.class))
                .isEqualTo(new EntityRef("shop.Item", "pen"));
        assertThat(mapper.readValue("{\"item\": {\"type\": \"shop.Item\", \"key\": \"pen\"}, \"quantity\": 2}", Line.class))
                .isEqualTo(new Line(new EntityRef("shop.Item", "pen"), 2));
        assertThat(mapper.writeValueAsString(Map.of(new EntityRef("shop.Item", "pen"), 1))).isEqualTo("{\"pen\":1}");
    }

    @Test
    void anythingElseIsRefusedSayingWhatAReferenceIs() {
        for (String json : List.of("{\"key\": 1}", "{\"type\": \"shop.Item\"}", "{\"type\": 3, \"key\": 1}",
                "{\"type\": \"shop.Item\", \"key\": null}", "{\"type\": \"shop.Item\", \"key\": [1]}", "\"pen\"")) {
            assertThatThrownBy(() -> mapper.readValue(json, EntityRef.class)).as(json)
                    .isInstanceOf(MismatchedInputException.class);
        }
        assertThatThrownBy(() -> mapper.readValue("{\"key\": 1}", EntityRef.class))
                .hasMessageContaining("an entity reference is {\"type\"");
    }
}
