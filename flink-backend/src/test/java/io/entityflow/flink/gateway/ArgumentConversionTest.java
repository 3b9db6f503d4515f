package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON arguments to the Java values generated code takes, and the messages that refuse the rest. */
class ArgumentConversionTest {
    static final Path FIXTURE = Path.of("src/test/resources/gateway-fixture");
    private static final ObjectMapper MAPPER = EntityJson.newMapper();
    private static CompiledProgram program;
    private static ProgramCatalog catalog;

    @BeforeAll
    static void compile() throws Exception {
        program = CompiledProgram.compile(FIXTURE);
        catalog = new ProgramCatalog(program, MAPPER);
    }

    private static Object[] args(String type, String method, String json) throws Exception {
        List<JsonNode> args = new ArrayList<>();
        MAPPER.readTree(json).forEach(args::add);
        return catalog.entity(type).method(method).arguments(args);
    }

    private static void refused(String type, String method, String json, int status, String code, String message) {
        assertThatThrownBy(() -> args(type, method, json)).isInstanceOfSatisfying(GatewayError.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    private static Class<?> programClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, program.classes());
    }

    @Test
    void numbersMustFitTheDeclaredTypeExactly() throws Exception {
        assertThat(args("Shelf", "resize", "[5]")).containsExactly(5);
        assertThat(args("Shelf", "total", "[3000000000, null]")).containsExactly(3_000_000_000L, null);
        assertThat(args("Shelf", "total", "[1, 2]")).containsExactly(1L, 2L);
        refused("Shelf", "resize", "[\"5\"]", 400, "bad_argument",
                "argument 1 (capacity) of depot.Shelf.resize: expected int, got \"5\"");
        refused("Shelf", "resize", "[1.5]", 400, "bad_argument", "argument 1 (capacity) of depot.Shelf.resize: expected int, got 1.5");
        refused("Shelf", "resize", "[3000000000]", 400, "bad_argument",
                "argument 1 (capacity) of depot.Shelf.resize: 3000000000 is out of range for int (-2147483648 to 2147483647)");
        refused("Shelf", "resize", "[null]", 400, "bad_argument", "argument 1 (capacity) of depot.Shelf.resize: expected int, got null");
        refused("Shelf", "total", "[1, 99999999999999999999]", 400, "bad_argument",
                "argument 2 (second) of depot.Shelf.total: 99999999999999999999 is out of range for Long"
                        + " (-9223372036854775808 to 9223372036854775807)");
    }

    @Test
    void enumsCharsDoublesAndBooleans() throws Exception {
        Object fragile = programClass("depot.Tag").getEnumConstants()[1];
        assertThat(args("Shelf", "describe", "[\"FRAGILE\", \"x\", 2, true]")).containsExactly(fragile, 'x', 2.0, true);
        refused("Shelf", "describe", "[\"BLUE\", \"x\", 2, true]", 400, "bad_argument",
                "argument 1 (tag) of depot.Shelf.describe: expected one of PLAIN, FRAGILE (depot.Tag), got \"BLUE\"");
        refused("Shelf", "describe", "[\"PLAIN\", \"xy\", 2, true]", 400, "bad_argument",
                "argument 2 (mark) of depot.Shelf.describe: expected char (a string of one character), got \"xy\"");
        refused("Shelf", "describe", "[\"PLAIN\", \"x\", \"2\", true]", 400, "bad_argument",
                "argument 3 (ratio) of depot.Shelf.describe: expected double, got \"2\"");
        refused("Shelf", "describe", "[\"PLAIN\", \"x\", 2, 1]", 400, "bad_argument",
                "argument 4 (flag) of depot.Shelf.describe: expected boolean, got 1");
    }

    @Test
    void entityParametersTakeAKeyOrAReferenceOfTheRightType() throws Exception {
        EntityRef crate = new EntityRef("depot.Crate", 7L);
        assertThat(args("Shelf", "crateSize", "[7]")).containsExactly(crate);
        assertThat(args("Shelf", "crateSize", "[{\"type\":\"depot.Crate\",\"key\":7}]")).containsExactly(crate);
        assertThat(args("Shelf", "crateSize", "[{\"type\":\"Crate\",\"key\":7}]")).containsExactly(crate);
        refused("Shelf", "crateSize", "[\"seven\"]", 400, "bad_argument", "argument 1 (crate) of depot.Shelf.crateSize:"
                + " expected a key of depot.Crate (long) or {\"type\":\"depot.Crate\",\"key\":...}, got \"seven\"");
        refused("Shelf", "crateSize", "[{\"type\":\"depot.Shelf\",\"key\":\"a\"}]", 400, "bad_argument",
                "argument 1 (crate) of depot.Shelf.crateSize: expected a reference to depot.Crate, got a reference to \"depot.Shelf\"");
        refused("Shelf", "crateSize", "[{\"key\":7,\"size\":1}]", 400, "bad_argument",
                "argument 1 (crate) of depot.Shelf.crateSize: a reference to depot.Crate has only the fields type and key, not size");
        refused("Shelf", "crateSize", "[{\"type\":\"depot.Crate\"}]", 400, "bad_argument",
                "argument 1 (crate) of depot.Shelf.crateSize: a reference to depot.Crate needs its key");
    }

    @Test
    void recordsAreObjectsOfTheirComponentsWithReferencesInside() throws Exception {
        Class<?> slot = programClass("depot.Slot");
        Object[] stored = args("Shelf", "store", "[{\"crate\":7,\"count\":2}]");
        assertThat(stored[0]).isInstanceOf(slot).hasToString("Slot[crate=Crate(7), count=2]");
        assertThat(slot.getRecordComponents()[0].getAccessor().invoke(stored[0])).isEqualTo(new EntityRef("depot.Crate", 7L));
        refused("Shelf", "store", "[{\"crate\":7}]", 400, "bad_argument", "argument 1 (slot) of depot.Shelf.store: missing field count of depot.Slot");
        refused("Shelf", "store", "[{\"crate\":7,\"count\":1,\"size\":3}]", 400, "bad_argument",
                "argument 1 (slot) of depot.Shelf.store: depot.Slot has no field size; its fields: crate, count");
        refused("Shelf", "store", "[{\"crate\":true,\"count\":1}]", 400, "bad_argument", "argument 1 (slot) of depot.Shelf.store at crate:"
                + " expected a key of depot.Crate (long) or {\"type\":\"depot.Crate\",\"key\":...}, got true");
        refused("Shelf", "store", "[{\"crate\":7,\"count\":-1}]", 400, "bad_argument", "argument 1 (slot) of depot.Shelf.store:"
                + " depot.Slot refused these values: java.lang.IllegalArgumentException: count must not be negative");
        refused("Shelf", "store", "[[7, 1]]", 400, "bad_argument", "argument 1 (slot) of depot.Shelf.store:"
                + " expected an object with the fields crate, count (depot.Slot), got [7,1]");
    }

    @Test
    void collectionsMapsArraysAndOptionals() throws Exception {
        Object[] all = args("Shelf", "storeAll", "[[{\"crate\":1,\"count\":1},{\"crate\":{\"key\":2},\"count\":3}]]");
        assertThat(all[0]).isInstanceOf(ArrayList.class).asList().hasSize(2);
        refused("Shelf", "storeAll", "[[{\"crate\":1,\"count\":1},{\"crate\":2,\"count\":\"x\"}]]", 400, "bad_argument",
                "argument 1 (more) of depot.Shelf.storeAll at [1].count: expected int, got \"x\"");
        refused("Shelf", "storeAll", "[{\"crate\":1}]", 400, "bad_argument",
                "argument 1 (more) of depot.Shelf.storeAll: expected an array (List<depot.Slot>), got {\"crate\":1}");
        assertThat(args("Shelf", "count", "[{\"a\":1,\"b\":2}]")[0]).isInstanceOf(LinkedHashMap.class).isEqualTo(Map.of("a", 1, "b", 2));
        refused("Shelf", "count", "[{\"a\":\"x\"}]", 400, "bad_argument",
                "argument 1 (more) of depot.Shelf.count at [\"a\"]: expected Integer, got \"x\"");
        assertThat(args("Shelf", "ids", "[[3, 1, 3]]")[0]).isInstanceOfSatisfying(LinkedHashSet.class,
                ids -> assertThat(ids).containsExactly(3L, 1L));
        assertThat(args("Shelf", "sum", "[[1, 2, 3]]")[0]).isEqualTo(new int[]{1, 2, 3});
        refused("Shelf", "sum", "[[1, \"2\"]]", 400, "bad_argument", "argument 1 (values) of depot.Shelf.sum at [1]: expected int, got \"2\"");
        assertThat(args("Shelf", "label", "[null]")).containsExactly(Optional.empty());
        assertThat(args("Shelf", "label", "[\"x\"]")).containsExactly(Optional.of("x"));
        UUID id = UUID.randomUUID();
        assertThat(args("Shelf", "echo", "[\"" + id + "\"]")).containsExactly(id);
        refused("Shelf", "echo", "[\"nope\"]", 400, "bad_argument", "argument 1 (id) of depot.Shelf.echo: expected a UUID, got \"nope\"");
    }

    @Test
    void argumentCountsAreCheckedAgainstTheSignature() {
        refused("Shelf", "resize", "[1, 2]", 400, "wrong_argument_count", "depot.Shelf.resize takes 1 argument (int capacity), got 2");
        refused("Shelf", "getCapacity", "[1]", 400, "wrong_argument_count", "depot.Shelf.getCapacity takes no arguments, got 1");
        refused("Shelf", "describe", "[]", 400, "wrong_argument_count",
                "depot.Shelf.describe takes 4 arguments (Tag tag, char mark, double ratio, boolean flag), got 0");
        refused("Shelf", "sum", "[1, 2]", 400, "wrong_argument_count", "depot.Shelf.sum takes 1 argument (int... values), got 2");
        assertThatThrownBy(() -> catalog.entity("Shelf").constructor(3)).hasMessage("depot.Shelf has no public constructor with 3"
                + " arguments; its constructors: new depot.Shelf(String name), new depot.Shelf(String name, int capacity)");
        assertThatThrownBy(() -> catalog.entity("Crate").constructor(1))
                .hasMessage("new depot.Crate takes 2 arguments (long id, int size), got 1");
    }

    @Test
    void onlyPublicInstanceMethodsOfKnownTypesAreCallable() {
        String callable = "callable methods: count, crateSize, describe, echo, firstCrate, getCapacity, getSlots, getTag, ids,"
                + " label, resize, store, storeAll, sum, total";
        assertThatThrownBy(() -> catalog.entity("Shelf").method("fly"))
                .hasMessage("depot.Shelf has no method fly; " + callable);
        assertThatThrownBy(() -> catalog.entity("Shelf").method("secret"))
                .hasMessage("depot.Shelf.secret cannot be called: it is not public; " + callable);
        assertThatThrownBy(() -> catalog.entity("depot.Shelf").method("helper"))
                .hasMessage("depot.Shelf.helper cannot be called: it is static; " + callable);
        assertThatThrownBy(() -> catalog.entity("Shelf").method("$state"))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.code()).isEqualTo("unknown_method"))
                .hasMessage("depot.Shelf has no method $state; " + callable);
        assertThatThrownBy(() -> catalog.entity("Foo")).isInstanceOfSatisfying(GatewayError.class,
                e -> assertThat(e.status()).isEqualTo(404)).hasMessage("no entity type Foo; the program has depot.Crate, depot.Shelf");
    }

    @Test
    void keysFromUrlsAreConvertedToTheKeyFieldsType() {
        assertThat(catalog.entity("Crate").keyFromText("7")).isEqualTo(7L);
        assertThat(catalog.entity("Shelf").keyFromText("7")).isEqualTo("7");
        assertThatThrownBy(() -> catalog.entity("Crate").keyFromText("seven"))
                .hasMessage("key of depot.Crate: expected long, got \"seven\"");
        assertThatThrownBy(() -> catalog.entity("Crate").keyFromText("99999999999999999999"))
                .hasMessage("key of depot.Crate: 99999999999999999999 is out of range for long (-9223372036854775808 to 9223372036854775807)");
    }

    @Test
    void resultsAreWrittenWithReferencesAsTypeAndKey() throws Exception {
        Object slot = programClass("depot.Slot").getDeclaredConstructors()[0].newInstance(new EntityRef("depot.Crate", 7L), 2);
        Object fragile = programClass("depot.Tag").getEnumConstants()[1];
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("slots", List.of(slot));
        value.put("tag", fragile);
        value.put("label", Optional.of("x"));
        value.put("none", Optional.empty());
        value.put("byCrate", Map.of(new EntityRef("depot.Crate", 7L), 1));
        assertThat(MAPPER.writeValueAsString(value)).isEqualTo("{\"slots\":[{\"crate\":{\"type\":\"depot.Crate\",\"key\":7},\"count\":2}],"
                + "\"tag\":\"FRAGILE\",\"label\":\"x\",\"none\":null,\"byCrate\":{\"7\":1}}");
        // and a result read back with the declared return type is the value the entity returned
        ValueShape slots = catalog.entity("Shelf").method("getSlots").result();
        assertThat(slots.read(MAPPER.valueToTree(List.of(slot)))).isEqualTo(List.of(slot));
    }
}
