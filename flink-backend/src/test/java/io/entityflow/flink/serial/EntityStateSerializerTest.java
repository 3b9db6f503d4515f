package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityFactory;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.source.SourceFile;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntityStateSerializerTest {
    private static final String CART = """
            package carts;
            import io.entityflow.api.*;
            import java.util.*;
            @Entity public class Cart {
                @Key private String id;
                private long total;
                private String note = "new";
                private List<String> items = new ArrayList<>();
                private Map<String, Integer> counts = new HashMap<>();
                public Cart(String id) { this.id = id; }
                public void add(String item) { items.add(item); counts.merge(item, 1, Integer::sum); total++; }
                public void bump() { total++; }
            }
            """;

    /** Compiled once for the class: each test makes its own carts from it. */
    private static CompiledProgram program;
    private static EntityFactory factory;

    @BeforeAll
    static void compileCarts() throws Exception {
        program = CompiledProgram.compile(List.of(new SourceFile("carts/Cart.java", CART)));
        UserClasses.register(program.classes());
        factory = (EntityFactory) Class.forName("carts.Cart$$Factory", true, program.classes())
                .getDeclaredConstructor().newInstance();
    }

    @AfterAll
    static void forgetCarts() {
        UserClasses.unregister(program.classes());
    }

    @Test
    void aCopyIsTheSameStateSharingOnlyImmutableValues() throws Throwable {
        SplitEntity cart = factory.create(new Object[] {"c1"});
        cart.$invoke("add", 0, new Object[] {"pen"}, null);
        SplitEntity copy = EntityStateSerializer.INSTANCE.copy(cart);
        Map<String, Object> original = cart.$state();
        Map<String, Object> copied = copy.$state();
        assertThat(copy).isNotSameAs(cart).hasSameClassAs(cart);
        assertThat(copied).isEqualTo(original);
        assertThat(copied.get("note")).isSameAs(original.get("note"));
        assertThat(copied.get("items")).isNotSameAs(original.get("items"));
        assertThat(copied.get("counts")).isNotSameAs(original.get("counts"));
        // changing the copy leaves the original as it was
        copy.$invoke("add", 0, new Object[] {"ink"}, null);
        assertThat(cart.$state().get("items")).isEqualTo(List.of("pen"));
        assertThat(cart.$state().get("total")).isEqualTo(1L);
        // and the copy is what a round trip through bytes gives
        DataOutputSerializer out = new DataOutputSerializer(64);
        EntityStateSerializer.INSTANCE.serialize(cart, out);
        SplitEntity read = EntityStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(EntityStateSerializer.INSTANCE.copy(cart).$state()).isEqualTo(read.$state());
    }

    /**
     * The changelog and the materialisation hand the serializer a stream-backed view: the entity reaches the
     * stream in one write of the bytes an in-memory view gets (not byte by byte), after what the view already
     * held, also after an entity larger than the buffer a thread keeps.
     */
    @Test
    void aStreamBackedViewGetsTheSameBytesInOneWrite() throws Throwable {
        SplitEntity small = factory.create(new Object[] {"c1"});
        small.$invoke("add", 0, new Object[] {"pen"}, null);
        SplitEntity large = factory.create(new Object[] {"c2"});
        String item = "x".repeat(1000);
        for (int i = 0; i < 1500; i++) {
            large.$invoke("add", 0, new Object[] {item + i}, null);
        }
        for (SplitEntity entity : List.of(small, large, small)) {
            DataOutputSerializer inMemory = new DataOutputSerializer(64);
            EntityStateSerializer.INSTANCE.serialize(entity, inMemory);
            byte[] expected = inMemory.getCopyOfBuffer();

            CountedStreamView stream = CountedStreamView.holdingAnInt();
            EntityStateSerializer.INSTANCE.serialize(entity, stream.view);

            assertThat(stream.writes()).containsExactly(expected.length);
            byte[] written = stream.bytes();
            assertThat(java.util.Arrays.copyOfRange(written, 4, written.length)).isEqualTo(expected);
            SplitEntity read = EntityStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(expected));
            assertThat(read.$state()).isEqualTo(entity.$state());
        }
        assertThat(((List<?>) large.$state().get("items"))).hasSize(1500);
    }

    /**
     * An entity written to state keeps the form it was serialised in then: snapshots and undo images reuse it
     * (the materialisation writes every entity, most of them unchanged), copies keep it, and the next write
     * replaces it with the entity's new state — in the same array when the length is unchanged, so what was handed
     * out before (undo images, copies) has arrays of its own.
     */
    @Test
    void anEntityKeepsTheFormItWasLastWrittenInUntilItsNextWrite() throws Throwable {
        EntityStateSerializer serializer = EntityStateSerializer.of("carts.Cart");
        SplitEntity cart = factory.create(new Object[] {"c1"});
        cart.$invoke("add", 0, new Object[] {"pen"}, null);
        assertThat(cart.$storedForm()).as("never written").isNull();

        serializer.storeForm(cart);
        byte[] written = cart.$storedForm();
        byte[] asWritten = written.clone();
        assertThat(written).isEqualTo(freshBytes(cart));
        byte[] undo = serializer.toBytes(cart);
        SplitEntity copy = serializer.copy(cart);
        assertThat(undo).as("an undo image").isEqualTo(written).isNotSameAs(written);
        assertThat(copy.$storedForm()).as("a copy's").isEqualTo(written).isNotSameAs(written);
        CountedStreamView snapshot = new CountedStreamView();
        serializer.serialize(cart, snapshot.view);
        assertThat(snapshot.bytes()).isEqualTo(written);

        cart.$invoke("bump", 0, new Object[0], null); // the same length
        serializer.storeForm(cart);
        assertThat(cart.$storedForm()).as("overwritten in place").isSameAs(written).isEqualTo(freshBytes(cart))
                .isNotEqualTo(asWritten);
        assertThat(undo).as("the undo image from before").isEqualTo(asWritten);
        assertThat(copy.$storedForm()).as("the copy's").isEqualTo(asWritten);
        assertThat(serializer.fromBytes(undo).$state().get("total")).isEqualTo(1L);

        cart.$invoke("add", 0, new Object[] {"ink"}, null); // longer
        serializer.storeForm(cart);
        assertThat(cart.$storedForm()).isEqualTo(freshBytes(cart)).hasSizeGreaterThan(written.length);
        SplitEntity read = serializer.fromBytes(serializer.toBytes(cart));
        assertThat(read.$state().get("items")).isEqualTo(List.of("pen", "ink"));
        assertThat(read.$state().get("total")).isEqualTo(3L);
        assertThat(read.$storedForm()).as("a restored entity's form is made at its first write").isNull();
    }

    /** The entity's bytes as written from its fields now, ignoring any form it keeps. */
    private static byte[] freshBytes(SplitEntity entity) throws java.io.IOException {
        byte[] kept = entity.$storedForm();
        entity.$storedForm(null);
        try {
            DataOutputSerializer out = new DataOutputSerializer(64);
            EntityStateSerializer.INSTANCE.serialize(entity, out);
            return out.getCopyOfBuffer();
        } finally {
            entity.$storedForm(kept);
        }
    }
}
