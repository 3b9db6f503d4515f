package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that hands Flink the {@link EnvelopeSerializer} for every envelope stream. */
public final class EnvelopeTypeInfo extends TypeInformation<Envelope> {
    private static final long serialVersionUID = 1L;
    public static final EnvelopeTypeInfo INSTANCE = new EnvelopeTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Envelope> getTypeClass() {
        return Envelope.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Envelope> createSerializer(SerializerConfig config) {
        return EnvelopeSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<Envelope> createSerializer(ExecutionConfig config) {
        return EnvelopeSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Envelope";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EnvelopeTypeInfo;
    }

    @Override
    public int hashCode() {
        return EnvelopeTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof EnvelopeTypeInfo;
    }
}
