package io.entityflow.flink.serial;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The two types that hand Flink entityflow's own serializers (keys and envelopes). */
class OneSerializerTypeInfoTest {

    @Test
    void eachTypeEqualsOnlyItselfAndItsCopies() throws Exception {
        EnvelopeTypeInfo copied = InstantiationUtil.clone(EnvelopeTypeInfo.INSTANCE);
        assertThat(copied).isNotSameAs(EnvelopeTypeInfo.INSTANCE).isEqualTo(EnvelopeTypeInfo.INSTANCE)
                .hasSameHashCodeAs(EnvelopeTypeInfo.INSTANCE);
        assertThat((Object) EnvelopeTypeInfo.INSTANCE).isNotEqualTo(EntityKeyTypeInfo.INSTANCE);
        assertThat(EntityKeyTypeInfo.INSTANCE.hashCode()).isNotEqualTo(EnvelopeTypeInfo.INSTANCE.hashCode());
    }

    @Test
    void aCopyThatTravelledInAJobGraphStillHandsOutTheSerializersOneInstance() throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        assertThat(InstantiationUtil.clone(EnvelopeTypeInfo.INSTANCE).createSerializer(config))
                .isSameAs(EnvelopeSerializer.INSTANCE);
        assertThat(InstantiationUtil.clone(EntityKeyTypeInfo.INSTANCE).createSerializer(config))
                .isSameAs(EntityKeySerializer.INSTANCE);
    }

    @Test
    void onlyTheEntityKeyIsAKeyType() {
        assertThat(EntityKeyTypeInfo.INSTANCE.isKeyType()).isTrue();
        assertThat(EntityKeyTypeInfo.INSTANCE.getTypeClass()).isEqualTo(String.class);
        assertThat(EnvelopeTypeInfo.INSTANCE.isKeyType()).isFalse();
        assertThat(EnvelopeTypeInfo.INSTANCE).hasToString("Envelope");
    }
}
