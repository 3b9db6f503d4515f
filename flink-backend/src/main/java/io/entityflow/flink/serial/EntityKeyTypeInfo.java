package io.entityflow.flink.serial;

import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of the key every entity job is keyed by ({@code type/key} strings): hands Flink the
 * {@link EntityKeySerializer}. Whatever reads an entity job's keyed state (a savepoint reader) names this type too:
 * Flink's own String type would find the key serializer changed and refuse the state.
 */
public final class EntityKeyTypeInfo extends OneSerializerTypeInfo<String> {
    private static final long serialVersionUID = 1L;
    public static final EntityKeyTypeInfo INSTANCE = new EntityKeyTypeInfo();

    private EntityKeyTypeInfo() {
        super(String.class, true, "EntityKey");
    }

    @Override
    TypeSerializer<String> serializer() {
        return EntityKeySerializer.INSTANCE;
    }
}
