package io.entityflow.flink.envelope;

import io.entityflow.api.EntityException;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueCodecTest {
    enum Color { RED, GREEN }

    record Line(EntityRef item, int quantity, List<String> notes) {
    }

    record Nested(Line line, Color color, Map<String, Line> byName) {
    }

    static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ValueCodec.write(value, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static Object roundTrip(Object value) throws IOException {
        return ValueCodec.read(new DataInputStream(new ByteArrayInputStream(encode(value))));
    }

    @Test
    void primitivesBoxesAndStringsKeepTheirTypes() throws IOException {
        for (Object value : List.of(true, false, 42, -7L, 2.5, 1.5f, (short) 3, (byte) 4, 'x', "", "grüße ✓")) {
            assertThat(roundTrip(value)).isEqualTo(value).hasSameClassAs(value);
        }
        assertThat(roundTrip(null)).isNull();
    }

    @Test
    void longStringsAreNotLimitedTo64Kb() throws IOException {
        String big = "x".repeat(200_000);
        assertThat(roundTrip(big)).isEqualTo(big);
    }

    @Test
    void collectionsKeepOrderAndKind() throws IOException {
        List<Object> list = new ArrayList<>(List.of(1, "a", 3L));
        list.add(null);
        Set<String> set = new LinkedHashSet<>(List.of("z", "a", "m"));
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("b", 2);
        map.put("a", 1);
        assertThat(roundTrip(list)).isEqualTo(list);
        assertThat(new ArrayList<Object>((Set<?>) roundTrip(set))).containsExactly("z", "a", "m");
        assertThat(new ArrayList<Object>(((Map<?, ?>) roundTrip(map)).keySet())).containsExactly("b", "a");
        assertThat(roundTrip(new TreeSet<>(set))).isInstanceOf(TreeSet.class);
        assertThat(roundTrip(new TreeMap<>(map))).isInstanceOf(TreeMap.class).isEqualTo(map);
        assertThat(roundTrip(List.of(List.of(1, 2), Map.of("k", List.of())))).isEqualTo(List.of(List.of(1, 2), Map.of("k", List.of())));
    }

    @Test
    void referencesRecordsAndEnums() throws IOException {
        EntityRef ref = new EntityRef("shop.Item", "book");
        assertThat(roundTrip(ref)).isEqualTo(ref);
        assertThat(roundTrip(new EntityRef("ycsb.Account", 7L))).isEqualTo(new EntityRef("ycsb.Account", 7L));
        Line line = new Line(ref, 3, List.of("gift"));
        Nested nested = new Nested(line, Color.GREEN, Map.of("first", line));
        assertThat(roundTrip(nested)).isEqualTo(nested);
        assertThat(roundTrip(Color.RED)).isSameAs(Color.RED);
    }

    @Test
    void jdkValues() throws IOException {
        for (Object value : List.of(new BigDecimal("12.3400"), new BigInteger("123456789012345678901234567890"),
                UUID.randomUUID(), Instant.ofEpochSecond(1_700_000_000L, 123), LocalDate.of(2026, 11, 23),
                LocalDateTime.of(2026, 11, 23, 14, 5), Duration.ofMillis(1500), Optional.of("x"), Optional.empty())) {
            assertThat(roundTrip(value)).isEqualTo(value);
        }
    }

    @Test
    void aStringBuilderInAFrameComesBackAsOne() throws IOException {
        Object read = roundTrip(new StringBuilder("path "));
        assertThat(read).isInstanceOf(StringBuilder.class).hasToString("path ");
    }

    @Test
    void arrays() throws IOException {
        assertThat((int[]) roundTrip(new int[] {1, 2, 3})).containsExactly(1, 2, 3);
        assertThat((String[]) roundTrip(new String[] {"a", null})).containsExactly("a", null);
        assertThat((long[][]) roundTrip(new long[][] {{1L}, {2L, 3L}})).isDeepEqualTo(new long[][] {{1L}, {2L, 3L}});
    }

    @Test
    void failuresAndPendingExceptions() throws IOException {
        RemoteFailure failure = new RemoteFailure("io.entityflow.api.EntityException", "no stock");
        assertThat(roundTrip(failure)).isEqualTo(failure);
        assertThat(roundTrip(new RemoteFailure("x.Y", null))).isEqualTo(new RemoteFailure("x.Y", null));
        Object rebuilt = roundTrip(new EntityException("refused"));
        assertThat(rebuilt).isInstanceOf(EntityException.class);
        assertThat(((Throwable) rebuilt).getMessage()).isEqualTo("refused");
        assertThat(roundTrip(new IllegalStateException("bad"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nonValuesAreRefusedNamingTheirClass() {
        assertThatThrownBy(() -> encode(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object").hasMessageContaining("EF106");
        assertThatThrownBy(() -> encode(List.of(new Thread()))).hasMessageContaining("java.lang.Thread");
    }

    @Test
    void corruptInputIsAnIOExceptionNotGarbage() {
        assertThatThrownBy(() -> ValueCodec.read(new DataInputStream(new ByteArrayInputStream(new byte[] {99}))))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown tag 99");
        assertThatThrownBy(() -> ValueCodec.read(new DataInputStream(new ByteArrayInputStream(new byte[] {18, 0, 0, 0, 3, 'a', '.', 'B', 0, 0}))))
                .isInstanceOf(IOException.class).hasMessageContaining("a.B");
    }
}
