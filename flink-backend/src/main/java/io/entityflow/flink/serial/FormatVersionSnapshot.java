package io.entityflow.flink.serial;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.util.function.IntFunction;

/**
 * What a checkpoint records about one of entityflow's serializers: the version of its binary format.
 * Data in an older format this entityflow still reads is migrated on restore (read in the old format,
 * written in the new); any other format is refused with a message naming both versions, instead of
 * being misread. Subclasses need a public no-argument constructor (Flink instantiates them by name).
 */
abstract class FormatVersionSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final int currentVersion;
    private final int oldestReadable;
    private final IntFunction<TypeSerializer<T>> readerOf;
    private final String contents;
    private int formatVersion;

    FormatVersionSnapshot(int currentVersion, TypeSerializer<T> serializer, String contents) {
        this(currentVersion, currentVersion, version -> serializer, contents);
    }

    /** @param readerOf the serializer that reads format {@code v}, for {@code oldestReadable <= v <= currentVersion} */
    FormatVersionSnapshot(int currentVersion, int oldestReadable, IntFunction<TypeSerializer<T>> readerOf, String contents) {
        this.currentVersion = currentVersion;
        this.oldestReadable = oldestReadable;
        this.readerOf = readerOf;
        this.contents = contents;
        this.formatVersion = currentVersion;
    }

    private boolean readable(int version) {
        return version >= oldestReadable && version <= currentVersion;
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
        if (!readable(formatVersion)) {
            throw new IllegalStateException("this checkpoint holds " + contents + " in format " + formatVersion
                    + " but this entityflow reads formats " + oldestReadable + " to " + currentVersion);
        }
        return readerOf.apply(formatVersion);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (!(oldSnapshot instanceof FormatVersionSnapshot<T> old) || old.getClass() != getClass() || !readable(old.formatVersion)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return old.formatVersion == currentVersion ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
