package io.entityflow.flink.checkpoint;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.state.CheckpointStorage;
import org.apache.flink.runtime.state.CheckpointStorageAccess;
import org.apache.flink.runtime.state.CheckpointStorageFactory;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;
import org.apache.flink.runtime.state.ConfigurableCheckpointStorage;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;

import java.io.IOException;

/**
 * Checkpoints and savepoints in directories, exactly as Flink's {@link FileSystemCheckpointStorage} lays them out
 * and reads them back, except that each checkpoint's metadata is written through a buffer
 * ({@link BufferedMetadataOutputStream}). Chosen by configuration ({@code execution.checkpointing.storage} names
 * {@link Factory}); the directories and thresholds are Flink's own options. Checkpoint directories always get
 * the job's subdirectory (Flink's default).
 */
public final class BufferedMetadataStorage implements CheckpointStorage, ConfigurableCheckpointStorage {
    private static final long serialVersionUID = 1L;
    private final FileSystemCheckpointStorage files;

    public BufferedMetadataStorage(FileSystemCheckpointStorage files) {
        this.files = files;
    }

    /** What {@code execution.checkpointing.storage} names: builds the storage from Flink's own options. */
    public static final class Factory implements CheckpointStorageFactory<BufferedMetadataStorage> {
        @Override
        public BufferedMetadataStorage createFromConfig(ReadableConfig config, ClassLoader classLoader)
                throws IllegalConfigurationException {
            return new BufferedMetadataStorage(FileSystemCheckpointStorage.createFromConfig(config, classLoader));
        }
    }

    @Override
    public CheckpointStorage configure(ReadableConfig config, ClassLoader classLoader) throws IllegalConfigurationException {
        return new BufferedMetadataStorage(files.configure(config, classLoader));
    }

    @Override
    public CompletedCheckpointStorageLocation resolveCheckpoint(String pointer) throws IOException {
        return files.resolveCheckpoint(pointer);
    }

    @Override
    public CheckpointStorageAccess createCheckpointStorage(JobID job) throws IOException {
        Path savepoints = files.getSavepointPath();
        return new BufferedMetadataStorageAccess(files.getCheckpointPath(), savepoints, job,
                files.getMinFileSizeThreshold(), files.getWriteBufferSize());
    }
}
