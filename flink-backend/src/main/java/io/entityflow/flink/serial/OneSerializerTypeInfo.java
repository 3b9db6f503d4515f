package io.entityflow.flink.serial;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information of a single-field type that always hands Flink the same serializer of entityflow's own, whatever
 * the execution config says. Two such types are equal when they are the same kind (each subclass has one instance).
 * The serializer is asked of the subclass, not kept in a field: the type travels in the job graph, and every task
 * should use the serializer's one instance rather than a copy deserialised with it.
 */
abstract class OneSerializerTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> typeClass;
    private final boolean keyType;
    private final String name;

    OneSerializerTypeInfo(Class<T> typeClass, boolean keyType, String name) {
        this.typeClass = typeClass;
        this.keyType = keyType;
        this.name = name;
    }

    /** The serializer's one instance. */
    abstract TypeSerializer<T> serializer();

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
    public Class<T> getTypeClass() {
        return typeClass;
    }

    @Override
    public boolean isKeyType() {
        return keyType;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer();
    }

    @Override
    @Deprecated
    public TypeSerializer<T> createSerializer(ExecutionConfig config) {
        return serializer();
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object obj) {
        return canEqual(obj);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }
}
