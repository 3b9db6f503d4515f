package io.entityflow.flink.serial;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint records about one of entityflow's serializers: the version of its binary format.
 * Restoring data written in another format is refused with a message naming both versions, instead of
 * being misread. Subclasses need a public no-argument constructor (Flink instantiates them by name).
 */
abstract class FormatVersionSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final int currentVersion;
    private final TypeSerializer<T> serializer;
    private final String contents;
    private int formatVersion;

    FormatVersionSnapshot(int currentVersion, TypeSerializer<T> serializer, String contents) {
        this.currentVersion = currentVersion;
        this.serializer = serializer;
        this.contents = contents;
        this.formatVersion = currentVersion;
    }

    @Override
    public int getCurrentVersion() {
        return currentVersion;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {
        // the version, written by Flink around this snapshot, is all there is to record
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) {
        this.formatVersion = readVersion;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        if (formatVersion != currentVersion) {
            throw new IllegalStateException("this checkpoint holds " + contents + " in format " + formatVersion
                    + " but this entityflow reads format " + currentVersion);
        }
        return serializer;
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        return oldSnapshot instanceof FormatVersionSnapshot<T> old && old.getClass() == getClass()
                && old.formatVersion == currentVersion
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
