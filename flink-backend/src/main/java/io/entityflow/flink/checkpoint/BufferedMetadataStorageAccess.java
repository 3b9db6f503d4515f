package io.entityflow.flink.checkpoint;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.state.CheckpointMetadataOutputStream;
import org.apache.flink.runtime.state.CheckpointStorageLocation;
import org.apache.flink.runtime.state.filesystem.FsCheckpointStorageAccess;
import org.apache.flink.runtime.state.filesystem.FsCheckpointStorageLocation;

import java.io.IOException;

/** Flink's file system checkpoint storage, whose checkpoint and savepoint locations buffer their metadata. */
final class BufferedMetadataStorageAccess extends FsCheckpointStorageAccess {

    BufferedMetadataStorageAccess(Path checkpoints, Path savepoints, JobID job, int fileSizeThreshold, int writeBufferSize)
            throws IOException {
        super(checkpoints, savepoints, true, job, fileSizeThreshold, writeBufferSize);
    }

    @Override
    public CheckpointStorageLocation initializeLocationForCheckpoint(long checkpointId) throws IOException {
        return buffered(super.initializeLocationForCheckpoint(checkpointId), fileSystem);
    }

    @Override
    protected CheckpointStorageLocation createSavepointLocation(FileSystem fs, Path location) {
        return buffered(super.createSavepointLocation(fs, location), fs);
    }

    private CheckpointStorageLocation buffered(CheckpointStorageLocation location, FileSystem fs) {
        if (!(location instanceof FsCheckpointStorageLocation files)) {
            return location; // a layout this was not written for: Flink's own, unbuffered
        }
        return new Location(fs, files, fileSizeThreshold, writeBufferSize);
    }

    /** The same directories and reference as Flink's location; only the metadata stream differs. */
    private static final class Location extends FsCheckpointStorageLocation {
        Location(FileSystem fs, FsCheckpointStorageLocation files, int fileSizeThreshold, int writeBufferSize) {
            super(fs, files.getCheckpointDirectory(), files.getSharedStateDirectory(), files.getTaskOwnedStateDirectory(),
                    files.getLocationReference(), fileSizeThreshold, writeBufferSize);
        }

        @Override
        public CheckpointMetadataOutputStream createMetadataOutputStream() throws IOException {
            return new BufferedMetadataOutputStream(super.createMetadataOutputStream());
        }
    }
}
