package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Frame;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.envelope.ValueCodec;
import io.entityflow.flink.txn.EntityLock;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.source.SourceFile;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkpoints and savepoints written before frames moved to their entities (entity state format 1,
 * envelope format 2) are read and migrated, not refused; formats this entityflow does not know are refused.
 */
class FormatMigrationTest {
    private static final String BOX = """
            package boxes;
            import io.entityflow.api.*;
            import java.util.*;
            @Entity public class Box {
                @Key private String id;
                private List<String> items = new ArrayList<>();
                private long total;
                public Box(String id) { this.id = id; }
                public void add(String item) { items.add(item); total++; }
            }
            """;

    @Test
    void entityStateOfFormatOneIsReadWithNoSuspendedFrames() throws Exception {
        CompiledProgram program = CompiledProgram.compile(List.of(new SourceFile("boxes/Box.java", BOX)));
        UserClasses.register(program.classes());
        try {
            // format 1: class name, field count, each field a value of its own; nothing after the fields
            DataOutputSerializer old = new DataOutputSerializer(64);
            ValueCodec.writeString("boxes.Box", old);
            old.writeShort(3);
            ValueCodec.write("b1", old);
            ValueCodec.write(new ArrayList<>(List.of("pen")), old);
            ValueCodec.write(1L, old);
            SplitEntity read = EntityStateSerializer.reading(1, null, null).deserialize(new DataInputDeserializer(old.getCopyOfBuffer()));
            assertThat(read.$state()).containsEntry("id", "b1").containsEntry("items", List.of("pen")).containsEntry("total", 1L);
            assertThat(read.$suspended().isEmpty()).isTrue();
        } finally {
            UserClasses.unregister(program.classes());
        }
    }

    @Test
    void snapshotsOfOlderFormatsMigrateAndUnknownOnesAreRefused() throws IOException {
        TypeSerializerSnapshot<SplitEntity> formatOne = snapshotRead(new EntityStateSerializer.Snapshot(), 1);
        assertThat(new EntityStateSerializer.Snapshot().resolveSchemaCompatibility(formatOne).isCompatibleAfterMigration()).isTrue();
        assertThat(formatOne.restoreSerializer()).isEqualTo(EntityStateSerializer.reading(1, null, null)).isNotEqualTo(EntityStateSerializer.INSTANCE);
        TypeSerializerSnapshot<Envelope> envelopesTwo = snapshotRead(new EnvelopeSerializer.Snapshot(), 2);
        assertThat(new EnvelopeSerializer.Snapshot().resolveSchemaCompatibility(envelopesTwo).isCompatibleAfterMigration()).isTrue();
        TypeSerializerSnapshot<Envelope> envelopesOne = snapshotRead(new EnvelopeSerializer.Snapshot(), 1);
        assertThat(new EnvelopeSerializer.Snapshot().resolveSchemaCompatibility(envelopesOne).isIncompatible()).isTrue();
        assertThatThrownBy(envelopesOne::restoreSerializer).hasMessageContaining("format 1").hasMessageContaining("formats 2 to 3");
    }

    @Test
    void envelopesOfFormatTwoKeepTheirInlineFramesAndFailures() throws IOException {
        EntityRef user = EntityRef.of("shop.User", "ann");
        EntityRef item = EntityRef.of("shop.Item", "pen");
        // format 2: every value a graph of its own, frames with their locals inline, failures as class and message
        DataOutputSerializer old = new DataOutputSerializer(128);
        ValueCodec.writeString("req-1", old);
        old.writeByte(Envelope.Kind.RETURN.ordinal());
        writeRef(item, old);
        old.writeBoolean(false);
        old.writeShort(0);
        old.writeByte(19); // FAILURE
        ValueCodec.writeString("java.lang.IllegalStateException", old);
        old.writeBoolean(true);
        ValueCodec.writeString("no stock", old);
        old.writeShort(1);
        writeRef(user, old);
        ValueCodec.writeString("buyItem", old);
        old.writeInt(2);
        old.writeShort(2);
        ValueCodec.write(3, old);
        ValueCodec.write(item, old);
        old.writeBoolean(false); // no transaction
        Envelope read = EnvelopeSerializer.reading(2).deserialize(new DataInputDeserializer(old.getCopyOfBuffer()));
        assertThat(read.value()).isEqualTo(new RemoteFailure("java.lang.IllegalStateException", "no stock"));
        assertThat(read.stack()).containsExactly(new Frame(user, "buyItem", 2, new Object[] {3, item}));
        assertThat(read.destination()).isEqualTo(user);
    }

    @Test
    void aLockOfFormatThreeReadsWithNoLineOfEntrantsAndItsQueueWhole() throws Exception {
        EntityLock lock = new EntityLock(null, List.of(), new byte[] {1, 2}, false, 7, 0);
        DataOutputSerializer current = new DataOutputSerializer(64);
        EntityLockSerializer.INSTANCE.serialize(lock, current);
        byte[] formatFour = current.getCopyOfBuffer();
        // format 3 is format 4 without the entrants' skip count at the end
        byte[] formatThree = java.util.Arrays.copyOf(formatFour, formatFour.length - 4);
        EntityLock read = EntityLockSerializer.reading(3).deserialize(new DataInputDeserializer(formatThree));
        assertThat(read.storedSkipped()).isEqualTo(7);
        assertThat(read.entrantsSkipped()).as("no line of entrants is stored").isEqualTo(-1);
        assertThat(read.undo()).containsExactly(1, 2);
        assertThat(snapshotRead(new EntityLockSerializer.Snapshot(), 3).restoreSerializer()).isNotSameAs(EntityLockSerializer.INSTANCE);
    }

    private static void writeRef(EntityRef ref, DataOutputSerializer out) throws IOException {
        out.writeBoolean(true);
        ValueCodec.writeString(ref.type(), out);
        ValueCodec.write(ref.key(), out);
    }

    private static <T> TypeSerializerSnapshot<T> snapshotRead(TypeSerializerSnapshot<T> snapshot, int version) throws IOException {
        snapshot.readSnapshot(version, new DataInputDeserializer(new byte[0]), FormatMigrationTest.class.getClassLoader());
        return snapshot;
    }
}
