package io.entityflow.flink.serial;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of the key every entity job is keyed by ({@code type/key} strings): hands Flink the
 * {@link EntityKeySerializer}. Whatever reads an entity job's keyed state (a savepoint reader) names this type too:
 * Flink's own String type would find the key serializer changed and refuse the state.
 */
public final class EntityKeyTypeInfo extends TypeInformation<String> {
    private static final long serialVersionUID = 1L;
    public static final EntityKeyTypeInfo INSTANCE = new EntityKeyTypeInfo();

    private EntityKeyTypeInfo() {
    }

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
    public Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<String> createSerializer(SerializerConfig config) {
        return EntityKeySerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<String> createSerializer(ExecutionConfig config) {
        return EntityKeySerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "EntityKey";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EntityKeyTypeInfo;
    }

    @Override
    public int hashCode() {
        return EntityKeyTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof EntityKeyTypeInfo;
    }
}
