package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that hands Flink the {@link EnvelopeSerializer} for every envelope stream. */
public final class EnvelopeTypeInfo extends OneSerializerTypeInfo<Envelope> {
    private static final long serialVersionUID = 1L;
    public static final EnvelopeTypeInfo INSTANCE = new EnvelopeTypeInfo();

    private EnvelopeTypeInfo() {
        super(Envelope.class, false, "Envelope");
    }

    @Override
    TypeSerializer<Envelope> serializer() {
        return EnvelopeSerializer.INSTANCE;
    }
}
