package io.entityflow.flink.gateway;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {
    private static RouteTable<String> checkoutRoutes() {
        RouteTable<String> table = new RouteTable<>();
        table.add("POST", "/stock/item/create/{price}", "create item");
        table.add("POST", "/stock/add/{item_id}/{amount}", "add stock");
        table.add("GET", "/stock/find/{item_id}", "find item");
        table.add("POST", "/orders/checkout/{order_id}", "checkout");
        table.add("GET", "/orders/find/{order_id}", "find order");
        table.add("POST", "/payment/create_user", "create user");
        table.add("POST", "/orders/batch_init/{n}/{n_items}/{n_users}/{item_price}", "batch");
        return table;
    }

    private static Optional<RouteTable.Match<String>> find(RouteTable<String> table, String method, String path) {
        return table.find(method, path);
    }

    @Test
    void aPathFindsItsRouteWithItsParameters() {
        RouteTable<String> table = checkoutRoutes();
        RouteTable.Match<String> checkout = find(table, "POST", "/orders/checkout/42").orElseThrow();
        assertThat(checkout.handler()).isEqualTo("checkout");
        assertThat(checkout.pattern()).isEqualTo("/orders/checkout/{order_id}");
        assertThat(checkout.params()).containsExactly(Map.entry("order_id", "42"));
        assertThat(find(table, "POST", "/orders/batch_init/10/5/3/1").orElseThrow().params())
                .containsExactly(Map.entry("n", "10"), Map.entry("n_items", "5"), Map.entry("n_users", "3"),
                        Map.entry("item_price", "1"));
        assertThat(find(table, "POST", "/payment/create_user").orElseThrow().params()).isEmpty();
        assertThat(find(table, "GET", "/stock/find/i1/").orElseThrow().handler()).as("a trailing slash is ignored").isEqualTo("find item");
    }

    @Test
    void noRouteForAnotherMethodAnotherShapeOrAnEmptySegment() {
        RouteTable<String> table = checkoutRoutes();
        assertThat(find(table, "GET", "/orders/checkout/42")).isEmpty();
        assertThat(find(table, "POST", "/orders/checkout")).isEmpty();
        assertThat(find(table, "POST", "/orders/checkout/42/again")).isEmpty();
        assertThat(find(table, "POST", "/orders/checkout//")).isEmpty();
        assertThat(find(table, "GET", "/stock/find/i1//")).as("one trailing slash only").isEmpty();
        assertThat(find(table, "POST", "/payment/create_user//")).isEmpty();
        assertThat(find(table, "POST", "/orders//42")).isEmpty();
        assertThat(find(table, "GET", "/")).isEmpty();
        assertThat(find(table, "GET", "/nothing")).isEmpty();
    }

    @Test
    void aLiteralSegmentWinsOverAParameterWhateverTheOrderAndAParameterStillMatchesWhereTheLiteralLeadsNowhere() {
        RouteTable<String> table = new RouteTable<>();
        table.add("GET", "/items/{id}", "one item");
        table.add("GET", "/items/all", "all items");
        table.add("GET", "/items/{id}/price", "price");
        table.add("GET", "/items/all/count", "count");
        assertThat(find(table, "GET", "/items/all").orElseThrow().handler()).isEqualTo("all items");
        assertThat(find(table, "GET", "/items/7").orElseThrow().handler()).isEqualTo("one item");
        assertThat(find(table, "GET", "/items/all/count").orElseThrow().handler()).isEqualTo("count");
        RouteTable.Match<String> price = find(table, "GET", "/items/all/price").orElseThrow();
        assertThat(price.handler()).as("backtracks from the literal 'all'").isEqualTo("price");
        assertThat(price.params()).containsExactly(Map.entry("id", "all"));
    }

    @Test
    void parametersArePercentDecodedAndKeepTheirPlus() {
        RouteTable<String> table = checkoutRoutes();
        assertThat(find(table, "GET", "/stock/find/caf%C3%A9%20au+lait").orElseThrow().params())
                .containsExactly(Map.entry("item_id", "café au+lait"));
        assertThatThrownBy(() -> find(table, "GET", "/stock/find/%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRootAndRoutesOfOtherMethodsOnOneShape() {
        RouteTable<String> table = new RouteTable<>();
        table.add("GET", "/", "home");
        table.add("GET", "/carts/{id}", "read");
        table.add("POST", "/carts/{cart}", "write");
        assertThat(find(table, "GET", "/").orElseThrow().handler()).isEqualTo("home");
        assertThat(find(table, "GET", "/carts/c1").orElseThrow().params()).containsExactly(Map.entry("id", "c1"));
        assertThat(find(table, "POST", "/carts/c1").orElseThrow().params()).containsExactly(Map.entry("cart", "c1"));
    }

    @Test
    void malformedOrAmbiguousRoutesAreRefusedWithWhatAndWhere() {
        RouteTable<String> table = checkoutRoutes();
        assertThatThrownBy(() -> table.add("POST", "/orders/checkout/{id}", "again"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route POST /orders/checkout/{id} matches the same paths as POST /orders/checkout/{order_id}");
        assertThatThrownBy(() -> table.add("GET", "/a/{x}/{x}", "twice"))
                .hasMessage("route GET /a/{x}/{x} names {x} twice");
        assertThatThrownBy(() -> table.add("GET", "/files/{name}.json", "part"))
                .hasMessageContaining("segment '{name}.json' is neither literal text nor one {name}");
        assertThatThrownBy(() -> table.add("GET", "/files/<path>", "javalin's"))
                .hasMessageContaining("segment '<path>'");
        assertThatThrownBy(() -> table.add("GET", "/a//b", "empty"))
                .hasMessageContaining("no empty segment");
        assertThatThrownBy(() -> table.add("GET", "/a//", "empty last"))
                .hasMessageContaining("no empty segment");
        assertThatThrownBy(() -> table.add("GET", "relative", "relative"))
                .hasMessageContaining("a path starts with /");
    }
}
