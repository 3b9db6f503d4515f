package io.entityflow.flink.deploy;

import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.ir.runtime.EntitySchema;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entity types a savepoint (or retained checkpoint) holds state of, with the fields their code saved:
 * read from the state's own header (the serializer snapshot Flink writes before the data), without
 * running a job, so deploy can check a new program against it before anything is uploaded.
 */
public final class SavepointSchemas {
    /** The name of the entity state in every entity operator. */
    private static final String ENTITY_STATE = "entity";

    private SavepointSchemas() {
    }

    /**
     * @param savepoint a local savepoint directory (a path or {@code file:} URI), or its {@code _metadata} file
     * @return entity type → its saved fields; a type saved before schemas were recorded maps to null
     */
    public static Map<String, EntitySchema> read(String savepoint) throws IOException {
        Path directory = directoryOf(savepoint);
        Path metadataFile = directory.resolve("_metadata");
        if (!Files.isRegularFile(metadataFile)) {
            throw new DeployException("no savepoint at " + savepoint + " (" + metadataFile + " does not exist)");
        }
        ClassLoader loader = SavepointSchemas.class.getClassLoader();
        CheckpointMetadata metadata;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(metadataFile))) {
            metadata = Checkpoints.loadCheckpointMetadata(in, loader, directory.toUri().toString());
        }
        Map<String, EntitySchema> schemas = new TreeMap<>();
        for (OperatorState operator : metadata.getOperatorStates()) {
            KeyGroupsStateHandle handle = firstKeyedHandle(operator);
            if (handle == null) {
                continue;
            }
            try (FSDataInputStream in = handle.openInputStream()) {
                KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(loader);
                proxy.read(new DataInputViewStreamWrapper((InputStream) in));
                for (StateMetaInfoSnapshot state : proxy.getStateMetaInfoSnapshots()) {
                    if (!ENTITY_STATE.equals(state.getName())) {
                        continue;
                    }
                    TypeSerializerSnapshot<?> snapshot = state.getTypeSerializerSnapshot(
                            StateMetaInfoSnapshot.CommonSerializerKeys.VALUE_SERIALIZER);
                    if (snapshot instanceof EntityStateSerializer.Snapshot entity) {
                        EntitySchema schema = entity.schema();
                        schemas.put(schema != null ? schema.type() : "operator " + operator.getOperatorID(), schema);
                    }
                }
            }
        }
        return schemas;
    }

    private static KeyGroupsStateHandle firstKeyedHandle(OperatorState operator) {
        for (OperatorSubtaskState subtask : operator.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                if (handle instanceof KeyGroupsStateHandle keyGroups) {
                    return keyGroups;
                }
            }
        }
        return null;
    }

    private static Path directoryOf(String savepoint) {
        Path path;
        try {
            path = savepoint.contains(":/") ? Path.of(URI.create(savepoint)) : Path.of(savepoint);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notLocal) {
            throw new DeployException("cannot read savepoint " + savepoint + ": only savepoints on this machine's file"
                    + " system can be checked before deploying");
        }
        if (path.getFileName() != null && path.getFileName().toString().equals("_metadata")) {
            path = path.getParent();
        }
        return path.toAbsolutePath().normalize();
    }
}
