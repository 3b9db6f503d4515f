package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Flink's serializer for envelopes, so that messages never fall back to Kryo: the same binary form in
 * network buffers, the feedback channel's log and checkpoints. Stateless, hence one shared instance.
 */
public final class EnvelopeSerializer extends TypeSerializer<Envelope> {
    private static final long serialVersionUID = 1L;
    public static final EnvelopeSerializer INSTANCE = new EnvelopeSerializer();

    @Override
    public boolean isImmutableType() {
        return false; // args and frames hold mutable collections
    }

    @Override
    public TypeSerializer<Envelope> duplicate() {
        return this;
    }

    @Override
    public Envelope createInstance() {
        return null;
    }

    /** A deep copy through the binary form: collections in args and frames must not be shared. */
    @Override
    public Envelope copy(Envelope from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(128);
            EnvelopeCodec.write(from, out);
            return EnvelopeCodec.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }

    @Override
    public Envelope copy(Envelope from, Envelope reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Envelope record, DataOutputView target) throws IOException {
        EnvelopeCodec.write(record, target);
    }

    @Override
    public Envelope deserialize(DataInputView source) throws IOException {
        return EnvelopeCodec.read(source);
    }

    @Override
    public Envelope deserialize(Envelope reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EnvelopeSerializer;
    }

    @Override
    public int hashCode() {
        return EnvelopeSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Envelope> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * What a checkpoint records about the serializer: the envelope format version. A checkpoint written
     * with another format is refused with a clear message instead of being misread.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<Envelope> {
        private int formatVersion = EnvelopeCodec.VERSION;

        @Override
        public int getCurrentVersion() {
            return EnvelopeCodec.VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // the version written by writeVersionedSnapshot is all there is to record
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) {
            this.formatVersion = readVersion;
        }

        @Override
        public TypeSerializer<Envelope> restoreSerializer() {
            if (formatVersion != EnvelopeCodec.VERSION) {
                throw new IllegalStateException("this checkpoint holds envelopes in format " + formatVersion
                        + " but this entityflow reads format " + EnvelopeCodec.VERSION);
            }
            return INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<Envelope> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Envelope> oldSnapshot) {
            return oldSnapshot instanceof Snapshot old && old.formatVersion == EnvelopeCodec.VERSION
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
