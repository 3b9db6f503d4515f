package io.entityflow.flink.checkpoint;

import org.apache.flink.runtime.state.CheckpointMetadataOutputStream;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;

import java.io.IOException;

/**
 * A checkpoint's metadata stream with a buffer in front. Flink's serializer writes the metadata field by field
 * (a {@code writeLong}, a {@code writeUTF}, …) straight into the file stream, which on a local file system is a
 * system call each: with the changelog backend the metadata names every changelog file since the last
 * materialisation, so at tens of checkpoints a second that was most of the JobManager's CPU. Closing without
 * finalising discards the checkpoint (nothing buffered is written), as the stream it wraps does.
 */
final class BufferedMetadataOutputStream extends CheckpointMetadataOutputStream {
    static final int BUFFER_SIZE = 64 * 1024;
    private final CheckpointMetadataOutputStream file;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int buffered;

    BufferedMetadataOutputStream(CheckpointMetadataOutputStream file) {
        this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
        if (buffered == buffer.length) {
            drain();
        }
        buffer[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length >= buffer.length) {
            drain();
            file.write(bytes, offset, length);
            return;
        }
        if (length > buffer.length - buffered) {
            drain();
        }
        System.arraycopy(bytes, offset, buffer, buffered, length);
        buffered += length;
    }

    @Override
    public long getPos() throws IOException {
        return file.getPos() + buffered;
    }

    @Override
    public void flush() throws IOException {
        drain();
        file.flush();
    }

    @Override
    public void sync() throws IOException {
        drain();
        file.sync();
    }

    @Override
    public CompletedCheckpointStorageLocation closeAndFinalizeCheckpoint() throws IOException {
        drain();
        return file.closeAndFinalizeCheckpoint();
    }

    /** Without finalising: the checkpoint is abandoned, and so is what the buffer holds. */
    @Override
    public void close() throws IOException {
        buffered = 0;
        file.close();
    }

    private void drain() throws IOException {
        if (buffered > 0) {
            file.write(buffer, 0, buffered);
            buffered = 0;
        }
    }
}
