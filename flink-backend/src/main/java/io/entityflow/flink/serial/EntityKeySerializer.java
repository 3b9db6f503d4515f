package io.entityflow.flink.serial;

import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/**
 * The key of every entity's state ({@code type/key}), in exactly the bytes of Flink's {@link StringSerializer}
 * (a checkpoint of either restores with the other's reader), written in one call instead of one per character.
 * Flink's writes each character through the stream it is given: under a snapshot that is a synchronized
 * {@code DataOutputStream.write(int)} and a chain of virtual calls per byte, and the materialisation writes every
 * entity's key every few seconds — a quarter of its CPU with some 800,000 entities (docs/benchmarks.md, "Tenth
 * session"). It encodes with Flink's own code into {@link WrittenInOneCall}'s per-thread array, and writes an array
 * target (the changelog's per-change buffer) directly. Reading stays Flink's.
 */
public final class EntityKeySerializer extends TypeSerializerSingleton<String> {
    private static final long serialVersionUID = 1L;
    public static final EntityKeySerializer INSTANCE = new EntityKeySerializer();

    private EntityKeySerializer() {
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(String key, DataOutputView target) throws IOException {
        WrittenInOneCall.write(key, target, StringValue::writeString); // Flink's bytes, one write into a stream
    }

    @Override
    public String deserialize(DataInputView source) throws IOException {
        return StringValue.readString(source);
    }

    @Override
    public String deserialize(String reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        StringValue.copyString(source, target);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format is StringSerializer's: state written by either is read by this one as it is. */
    public static final class Snapshot extends FormatVersionSnapshot<String> {
        public Snapshot() {
            super(1, INSTANCE, "entity keys");
        }

        @Override
        public TypeSerializerSchemaCompatibility<String> resolveSchemaCompatibility(TypeSerializerSnapshot<String> oldSnapshot) {
            if (oldSnapshot instanceof StringSerializer.StringSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs(); // checkpoints from before this serializer
            }
            return super.resolveSchemaCompatibility(oldSnapshot);
        }
    }
}
