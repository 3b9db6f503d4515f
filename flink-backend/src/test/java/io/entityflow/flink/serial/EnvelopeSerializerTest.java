package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Frame;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.ir.codegen.GeneratedSource;
import io.entityflow.ir.codegen.InMemoryCompiler;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeSerializerTest {
    private static final EntityRef USER = new EntityRef("shop.User", "ann");
    private static final EntityRef ITEM = new EntityRef("shop.Item", "book");

    private static Envelope roundTrip(Envelope envelope) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        EnvelopeSerializer.INSTANCE.serialize(envelope, out);
        Envelope read = EnvelopeSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        DataOutputSerializer again = new DataOutputSerializer(64);
        EnvelopeSerializer.INSTANCE.serialize(read, again);
        assertThat(again.getCopyOfBuffer()).as("serialising what was read gives the same bytes").isEqualTo(out.getCopyOfBuffer());
        return read;
    }

    @Test
    void everyKindRoundTripsWithItsCallStack() throws IOException {
        List<Frame> stack = List.of(new Frame(USER, "buyItem", 2, new Object[] {3, ITEM, 30}),
                new Frame(new EntityRef("shop.Shop", 1L), "order", 1, new Object[0]));
        Envelope call = Envelope.call("req-1", ITEM, "updateStock", new Object[] {-3}, stack);
        Envelope create = Envelope.create("req-2", ITEM, new Object[] {"book", 10}, List.of());
        Envelope result = Envelope.result("req-1", ITEM, true, stack);
        Envelope failure = Envelope.result("req-3", ITEM, new RemoteFailure("io.entityflow.api.EntityException", "no"), List.of());
        for (Envelope envelope : List.of(call, create, result, failure)) {
            assertThat(roundTrip(envelope)).isEqualTo(envelope);
        }
        assertThat(result.destination()).isEqualTo(USER);
        assertThat(call.destinationKey()).isEqualTo("shop.Item/book");
        assertThat(failure.destination()).as("a result with no caller goes to the client").isNull();
    }

    @Test
    void transactionContextsSurviveTheWireAndCopies() throws IOException {
        io.entityflow.flink.envelope.Txn txn = new io.entityflow.flink.envelope.Txn(1_795_000_000_000L, "t-1", 3, USER, 1,
                List.of(USER, ITEM));
        Envelope call = Envelope.call("r", ITEM, "updateStock", new Object[]{-1}, List.of()).withTxn(txn);
        assertThat(roundTrip(call)).isEqualTo(call);
        assertThat(roundTrip(call).txn()).isEqualTo(txn);
        assertThat(EnvelopeSerializer.INSTANCE.copy(call).txn()).isEqualTo(txn);
        Envelope commit = Envelope.protocol(Envelope.Kind.COMMIT, ITEM, txn, null);
        assertThat(roundTrip(commit)).isEqualTo(commit);
        assertThat(commit.destination()).isEqualTo(ITEM);
    }

    @Test
    void copyIsDeep() {
        List<Object> lines = new ArrayList<>(List.of("a"));
        Envelope original = Envelope.call("r", ITEM, "add", new Object[] {lines}, List.of());
        Envelope copy = EnvelopeSerializer.INSTANCE.copy(original);
        @SuppressWarnings("unchecked")
        List<Object> copiedLines = (List<Object>) copy.args()[0];
        copiedLines.add("b");
        assertThat(lines).containsExactly("a");
        assertThat(copy).isNotSameAs(original);
    }

    @Test
    void copySharesImmutableValuesAndCopiesMutableOnes() {
        List<Object> basket = new ArrayList<>(List.of("a"));
        int[] counts = {1, 2};
        List<Frame> stack = List.of(new Frame(USER, "buyItem", 2, new Object[] {3, ITEM, "note", basket, counts}));
        Envelope original = Envelope.call("r", ITEM, "add", new Object[] {5L, "x", ITEM}, stack);
        Envelope copy = EnvelopeSerializer.INSTANCE.copy(original);
        assertThat(copy).isEqualTo(original).isNotSameAs(original);
        assertThat(copy.args()).isNotSameAs(original.args());
        assertThat(copy.args()[1]).isSameAs(original.args()[1]);
        assertThat(copy.args()[2]).isSameAs(ITEM);
        Object[] locals = copy.stack().get(0).locals();
        assertThat(locals).isNotSameAs(original.stack().get(0).locals());
        assertThat(locals[2]).isSameAs("note");
        assertThat(locals[3]).isEqualTo(basket).isNotSameAs(basket);
        assertThat(locals[4]).isEqualTo(counts).isNotSameAs(counts);
        Envelope failure = Envelope.result("r", ITEM, new RemoteFailure("x.Y", "no"), List.of());
        assertThat(EnvelopeSerializer.INSTANCE.copy(failure).value()).isSameAs(failure.value());
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws IOException {
        TypeSerializerSnapshot<Envelope> snapshot = EnvelopeSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<Envelope> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<Envelope> serializer = restored.restoreSerializer();
        assertThat(serializer).isEqualTo(EnvelopeSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<Envelope> compatibility =
                EnvelopeSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(EnvelopeTypeInfo.INSTANCE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
                .isSameAs(EnvelopeSerializer.INSTANCE);
    }

    @Test
    void aCheckpointInAnotherEnvelopeFormatIsRefusedClearly() {
        EnvelopeSerializer.Snapshot future = new EnvelopeSerializer.Snapshot();
        future.readSnapshot(io.entityflow.flink.envelope.EnvelopeCodec.VERSION + 1, null, getClass().getClassLoader());
        org.assertj.core.api.Assertions.assertThatThrownBy(future::restoreSerializer)
                .hasMessageContaining("format " + (io.entityflow.flink.envelope.EnvelopeCodec.VERSION + 1));
        assertThat(EnvelopeSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(future)
                .isIncompatible()).isTrue();
    }

    @Test
    void recordsOfAProgramCompiledInMemoryRoundTrip() throws Exception {
        ClassLoader program = InMemoryCompiler.compile(List.of(new GeneratedSource("shopx.OrderLine",
                "package shopx; public record OrderLine(io.entityflow.ir.runtime.EntityRef item, int quantity) {}")));
        Class<?> lineClass = Class.forName("shopx.OrderLine", true, program);
        Object line = lineClass.getConstructors()[0].newInstance(ITEM, 2);
        UserClasses.register(program);
        try {
            Envelope envelope = Envelope.call("r", USER, "add", new Object[] {List.of(line)}, List.of());
            Envelope read = roundTrip(envelope);
            Object readLine = ((List<?>) read.args()[0]).get(0);
            assertThat(readLine).isEqualTo(line).hasSameClassAs(line);
        } finally {
            UserClasses.unregister(program);
        }
    }

    /**
     * A checkpoint's file stream (a response sink's held answers) gets an envelope in one write of the bytes the
     * network's in-memory view gets, after what the stream already held — not one call per byte.
     */
    @Test
    void aStreamBackedViewGetsTheSameBytesInOneWrite() throws IOException {
        Envelope answer = Envelope.call("req-42", USER, "buyItem", new Object[] {"book", 3, List.of(1, 2)},
                List.of(new Frame(ITEM, "price", 1, new Object[] {7L, "eur"})));
        DataOutputSerializer inMemory = new DataOutputSerializer(16);
        EnvelopeSerializer.INSTANCE.serialize(answer, inMemory);
        byte[] expected = inMemory.getCopyOfBuffer();

        CountedStreamView stream = CountedStreamView.holdingAnInt();
        EnvelopeSerializer.INSTANCE.serialize(answer, stream.view);
        EnvelopeSerializer.INSTANCE.serialize(answer, stream.view);

        assertThat(stream.writes()).containsExactly(expected.length, expected.length);
        byte[] written = stream.bytes();
        assertThat(java.util.Arrays.copyOfRange(written, 4, 4 + expected.length)).isEqualTo(expected);
        assertThat(java.util.Arrays.copyOfRange(written, 4 + expected.length, written.length)).isEqualTo(expected);
    }
}
