package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.inspector.api.InspectorError;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterTest {
    private static final Set<String> FIELDS = Set.of("stock", "name", "paid", "price", "address", "note");
    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode item(int stock, String name, boolean paid) {
        ObjectNode fields = mapper.createObjectNode().put("stock", stock).put("name", name).put("paid", paid).put("price", 2.5);
        fields.putObject("address").put("city", "Delft");
        fields.putNull("note");
        return fields;
    }

    private boolean matches(String filter, ObjectNode fields) {
        return Filter.parse(filter, FIELDS).matches("k1", fields);
    }

    @Test
    void comparesNumbersTextAndBooleans() {
        ObjectNode anna = item(3, "Anna", false);
        assertThat(matches("stock < 10", anna)).isTrue();
        assertThat(matches("stock >= 3", anna)).isTrue();
        assertThat(matches("stock > 3", anna)).isFalse();
        assertThat(matches("price = 2.50", anna)).as("numbers compare by value").isTrue();
        assertThat(matches("name = \"Anna\"", anna)).isTrue();
        assertThat(matches("name != 'Anna'", anna)).isFalse();
        assertThat(matches("paid = false", anna)).isTrue();
        assertThat(matches("paid = true", anna)).isFalse();
    }

    @Test
    void containsIgnoresCase() {
        assertThat(matches("name ~ \"AN\"", item(1, "Joanna", true))).isTrue();
        assertThat(matches("name ~ \"xy\"", item(1, "Joanna", true))).isFalse();
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        ObjectNode fields = item(50, "Bob", true);
        assertThat(matches("stock < 10 and paid = true or name = \"Bob\"", fields)).isTrue();
        assertThat(matches("stock < 10 and (paid = true or name = \"Bob\")", fields)).isFalse();
        assertThat(matches("STOCK > 1 AND paid = true".replace("STOCK", "stock"), fields)).as("keywords in any case").isTrue();
    }

    @Test
    void pathsNullsAndTheKey() {
        ObjectNode fields = item(1, "x", false);
        assertThat(matches("address.city = \"Delft\"", fields)).isTrue();
        assertThat(matches("address.zip = null", fields)).as("a missing value is null").isTrue();
        assertThat(matches("note = null", fields)).isTrue();
        assertThat(matches("note != null", fields)).isFalse();
        assertThat(matches("key = \"k1\"", fields)).isTrue();
        assertThat(matches("stock = \"1\"", fields)).as("a number is not text").isFalse();
    }

    @Test
    void anEmptyFilterMatchesEverything() {
        assertThat(Filter.parse("  ", FIELDS).isAll()).isTrue();
        assertThat(Filter.parse(null, FIELDS).matches("k", item(0, "", false))).isTrue();
    }

    @Test
    void malformedFiltersSayWhatAndWhere() {
        assertThatThrownBy(() -> Filter.parse("stok < 10", FIELDS)).isInstanceOf(InspectorError.class)
                .hasMessageContaining("column 1").hasMessageContaining("no field 'stok'")
                .satisfies(e -> assertThat(((InspectorError) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> Filter.parse("stock <", FIELDS)).hasMessageContaining("column 8").hasMessageContaining("expected a value");
        assertThatThrownBy(() -> Filter.parse("stock 10", FIELDS)).hasMessageContaining("expected one of");
        assertThatThrownBy(() -> Filter.parse("name = Anna", FIELDS)).hasMessageContaining("quote text");
        assertThatThrownBy(() -> Filter.parse("name = \"Anna", FIELDS)).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Filter.parse("(stock < 1", FIELDS)).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Filter.parse("stock < 1 stock", FIELDS)).hasMessageContaining("unexpected");
    }
}
