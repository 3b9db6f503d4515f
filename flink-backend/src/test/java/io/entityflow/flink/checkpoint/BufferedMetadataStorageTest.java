package io.entityflow.flink.checkpoint;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.CheckpointMetadataOutputStream;
import org.apache.flink.runtime.state.CheckpointStorage;
import org.apache.flink.runtime.state.CheckpointStorageAccess;
import org.apache.flink.runtime.state.CheckpointStorageLocation;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata of a checkpoint written through the buffer is the same file, in the same place, resolvable by the
 * same pointer as with Flink's own storage; the file sees a few large writes instead of one per field; an
 * abandoned checkpoint leaves no metadata. (Every MiniCluster test checkpoints and restores through it too.)
 */
class BufferedMetadataStorageTest {
    @TempDir
    Path dir;

    private CheckpointStorage storage() {
        Configuration config = new Configuration();
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
        config.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, dir.resolve("savepoints").toUri().toString());
        return new BufferedMetadataStorage.Factory().createFromConfig(config, getClass().getClassLoader());
    }

    @Test
    void metadataWrittenFieldByFieldReadsBackThroughItsPointer() throws IOException {
        CheckpointStorageAccess access = storage().createCheckpointStorage(new JobID());
        access.initializeBaseLocationsForCheckpoint();
        CheckpointStorageLocation location = access.initializeLocationForCheckpoint(7);
        CompletedCheckpointStorageLocation completed;
        try (CheckpointMetadataOutputStream stream = location.createMetadataOutputStream()) {
            DataOutputStream fields = new DataOutputStream(stream);
            for (int i = 0; i < 20_000; i++) {
                fields.writeLong(i);
                fields.writeUTF("changelog-file-" + i);
            }
            fields.flush();
            assertThat(stream.getPos()).isEqualTo(fields.size());
            completed = stream.closeAndFinalizeCheckpoint();
        }

        CompletedCheckpointStorageLocation resolved = storage().resolveCheckpoint(completed.getExternalPointer());
        try (DataInputStream in = new DataInputStream(resolved.getMetadataHandle().openInputStream())) {
            for (int i = 0; i < 20_000; i++) {
                assertThat(in.readLong()).isEqualTo(i);
                assertThat(in.readUTF()).isEqualTo("changelog-file-" + i);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(completed.getExternalPointer()).contains("chk-7");
    }

    @Test
    void theFileSeesFewLargeWrites() throws IOException {
        List<Integer> writes = new ArrayList<>();
        BufferedMetadataOutputStream buffered = new BufferedMetadataOutputStream(new CountingStream(writes));
        DataOutputStream fields = new DataOutputStream(buffered);
        for (int i = 0; i < 100_000; i++) {
            fields.writeLong(i); // 800,000 bytes in 100,000 writes of 8
        }
        buffered.closeAndFinalizeCheckpoint();

        assertThat(writes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(800_000);
        assertThat(writes).hasSizeLessThanOrEqualTo(800_000 / BufferedMetadataOutputStream.BUFFER_SIZE + 1);
    }

    @Test
    void anAbandonedCheckpointLeavesNoMetadata() throws IOException {
        CheckpointStorageAccess access = storage().createCheckpointStorage(new JobID());
        access.initializeBaseLocationsForCheckpoint();
        CheckpointStorageLocation location = access.initializeLocationForCheckpoint(3);
        CheckpointMetadataOutputStream stream = location.createMetadataOutputStream();
        stream.write(new byte[100]);
        stream.close();

        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("_metadata"))).isEmpty();
        }
    }

    /** Records the size of each write the buffer passes on. */
    private static final class CountingStream extends CheckpointMetadataOutputStream {
        private final List<Integer> writes;
        private long position;

        CountingStream(List<Integer> writes) {
            this.writes = writes;
        }

        @Override
        public void write(int b) {
            writes.add(1);
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writes.add(length);
            position += length;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void flush() {
        }

        @Override
        public void sync() {
        }

        @Override
        public CompletedCheckpointStorageLocation closeAndFinalizeCheckpoint() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
