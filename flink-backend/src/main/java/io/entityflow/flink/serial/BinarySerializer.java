package io.entityflow.flink.serial;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What entityflow's serializers share: stateless (one instance serves every thread), mutable values that
 * are deep-copied through their binary form, no object reuse. Subclasses write and read the format.
 */
abstract class BinarySerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return false; // collections inside must not be shared between copies
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final T createInstance() {
        return null;
    }

    /** A deep copy through the binary form; subclasses that know their values copy more cheaply. */
    @Override
    public T copy(T from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** The format version this instance reads (a serializer restoring an older checkpoint reads an older one). */
    protected int readVersion() {
        return 0;
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass() && ((BinarySerializer<?>) obj).readVersion() == readVersion();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + readVersion();
    }
}
