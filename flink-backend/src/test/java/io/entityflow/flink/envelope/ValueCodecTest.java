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

    /** An exception class of a program: fields, a constructor that formats and counts (it must not run again). */
    public static class ShortOf extends RuntimeException {
        static int constructed;
        private final String item;
        private final List<Integer> missing;

        public ShortOf(String item, List<Integer> missing) {
            super(item + " is short by " + missing);
            constructed++;
            this.item = item;
            this.missing = missing;
        }
    }

    @Test
    void sharedObjectsStaySharedWithinOneGraph() throws IOException {
        List<Object> inner = new ArrayList<>(List.of(1, 2));
        int[] counts = {3, 4};
        StringBuilder builder = new StringBuilder("ab");
        List<Object> outer = new ArrayList<>(List.of(inner, inner, counts, counts, builder, builder));
        outer.add(outer); // a list that contains itself
        @SuppressWarnings("unchecked")
        List<Object> read = (List<Object>) roundTrip(outer);
        assertThat(read.get(0)).isEqualTo(inner).isNotSameAs(inner).isSameAs(read.get(1));
        assertThat(read.get(2)).isSameAs(read.get(3));
        assertThat(read.get(4)).isSameAs(read.get(5)).hasToString("ab");
        assertThat(read.get(6)).isSameAs(read);
        Object[] copies = ValueCodec.copyAll(new Object[] {inner, inner, "s"});
        assertThat(copies[0]).isSameAs(copies[1]).isNotSameAs(inner);
    }

    @Test
    void sharingIsKeptPastTheFirstObjectsSearchedInOrder() throws IOException {
        // the writer searches its first 8 shared objects in an array, then moves to a map: back references on
        // both sides of that switch, and to objects met before it, must point where they did
        List<List<Integer>> distinct = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            distinct.add(new ArrayList<>(List.of(i)));
        }
        List<Object> graph = new ArrayList<>(distinct);
        for (int i = 19; i >= 0; i--) {
            graph.add(distinct.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object> read = (List<Object>) roundTrip(graph);
        for (int i = 0; i < 20; i++) {
            assertThat(read.get(i)).as("list %d", i).isEqualTo(List.of(i)).isSameAs(read.get(39 - i));
        }
        assertThat(read.get(0)).isNotSameAs(read.get(1));
    }

    @Test
    void sortedCollectionsWithAComparatorAreWrittenAsPlainOnes() throws IOException {
        TreeSet<String> reversed = new TreeSet<>(java.util.Comparator.reverseOrder());
        reversed.addAll(List.of("a", "c", "b"));
        TreeMap<String, Integer> byLength = new TreeMap<>(java.util.Comparator.comparing(String::length));
        byLength.put("ccc", 3);
        byLength.put("a", 1);
        // the comparator cannot be written: what comes back is an ordinary set and map of the same contents, in
        // the order they were written
        assertThat(roundTrip(reversed)).isNotInstanceOf(TreeSet.class).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .containsExactly("c", "b", "a");
        assertThat(roundTrip(byLength)).isNotInstanceOf(TreeMap.class).isEqualTo(Map.of("a", 1, "ccc", 3));
        assertThat(roundTrip(new TreeSet<>(new ArrayList<>(reversed)))).isInstanceOf(TreeSet.class);
    }

    @Test
    void entityReferencesAreInterned() throws IOException {
        EntityRef read = (EntityRef) roundTrip(new EntityRef("shop.Item", "apple"));
        assertThat(read).isSameAs(EntityRef.of("shop.Item", "apple"));
    }

    @Test
    void theProgramsExceptionsAreValuesRebuiltWithoutTheirConstructor() throws IOException {
        ShortOf thrown = new ShortOf("pen", new ArrayList<>(List.of(2)));
        thrown.initCause(new ArithmeticException("inner"));
        thrown.addSuppressed(new IllegalStateException("also"));
        int constructed = ShortOf.constructed;
        Object read = roundTrip(RemoteFailure.of(thrown));
        assertThat(read).isInstanceOf(RemoteFailure.class);
        Throwable rebuilt = ((RemoteFailure) read).thrown();
        assertThat(rebuilt).isInstanceOf(ShortOf.class).hasMessage("pen is short by [2]").isNotSameAs(thrown);
        assertThat(ShortOf.constructed).as("no constructor ran").isEqualTo(constructed);
        assertThat(((ShortOf) rebuilt).item).isEqualTo("pen");
        assertThat(((ShortOf) rebuilt).missing).isEqualTo(List.of(2));
        assertThat(rebuilt.getCause()).isInstanceOf(ArithmeticException.class).hasMessage("inner");
        assertThat(rebuilt.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("also"));
        assertThat(((RemoteFailure) read).toThrowable(getClass().getClassLoader())).isSameAs(rebuilt);
    }
}
