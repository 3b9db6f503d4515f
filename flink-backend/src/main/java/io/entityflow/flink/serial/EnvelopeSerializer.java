package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;
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

    /** Records the envelopes format version in checkpoints. */
    public static final class Snapshot extends FormatVersionSnapshot<Envelope> {
        public Snapshot() {
            super(EnvelopeCodec.VERSION, INSTANCE, "envelopes");
        }
    }
}
