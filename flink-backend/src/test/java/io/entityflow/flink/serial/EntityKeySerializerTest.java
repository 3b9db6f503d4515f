package io.entityflow.flink.serial;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entity keys are written as Flink's StringSerializer writes them, so checkpoints of either restore with the other. */
class EntityKeySerializerTest {

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("", "a", "shop.Item/pen", "io.entityflow.samples.checkout.Order/123456",
                "x.Y/ü€", "x.Y/\u0000\u007f\u0080\u3fff\u4000\uffff", "x.Y/\ud83d\ude00"));
        keys.add("x.Y/" + "k".repeat(200)); // a length of two 7-bit groups
        keys.add("x.Y/" + "€".repeat(20_000)); // three groups, each character three bytes
        return keys;
    }

    @Test
    void writesTheBytesOfFlinksStringSerializer() throws IOException {
        for (String key : keys()) {
            assertThat(bytes(EntityKeySerializer.INSTANCE, key)).as(key).isEqualTo(bytes(StringSerializer.INSTANCE, key));
        }
        assertThat(bytes(EntityKeySerializer.INSTANCE, null)).isEqualTo(bytes(StringSerializer.INSTANCE, null));
    }

    @Test
    void readsWhatEitherWrote() throws IOException {
        for (String key : keys()) {
            assertThat(EntityKeySerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes(StringSerializer.INSTANCE, key))))
                    .isEqualTo(key);
            assertThat(StringSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes(EntityKeySerializer.INSTANCE, key))))
                    .isEqualTo(key);
        }
    }

    @Test
    void writesIntoAnArrayTargetAsIntoAStream() throws IOException {
        for (String key : keys()) {
            DataOutputSerializer array = new DataOutputSerializer(8);
            EntityKeySerializer.INSTANCE.serialize(key, array);
            assertThat(array.getCopyOfBuffer()).isEqualTo(bytes(EntityKeySerializer.INSTANCE, key));
        }
    }

    @Test
    void stateKeyedByFlinksStringsRestoresAsItIsAndOtherKeysAreRefused() throws IOException {
        TypeSerializerSnapshot<String> current = EntityKeySerializer.INSTANCE.snapshotConfiguration();

        assertThat(current.resolveSchemaCompatibility(StringSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
        assertThat(current.resolveSchemaCompatibility(written(current)).isCompatibleAsIs()).isTrue();
        assertThat(written(current).restoreSerializer()).isSameAs(EntityKeySerializer.INSTANCE);
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<String> longs = (TypeSerializerSnapshot) LongSerializer.INSTANCE.snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(longs).isIncompatible()).isTrue();
    }

    /** Through a stream, as a snapshot's file is written (Flink's serializer writes a byte per call there). */
    private static byte[] bytes(org.apache.flink.api.common.typeutils.TypeSerializer<String> serializer, String key)
            throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        serializer.serialize(key, new DataOutputViewStreamWrapper(stream));
        return stream.toByteArray();
    }

    private static TypeSerializerSnapshot<String> written(TypeSerializerSnapshot<String> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                EntityKeySerializerTest.class.getClassLoader());
    }
}
