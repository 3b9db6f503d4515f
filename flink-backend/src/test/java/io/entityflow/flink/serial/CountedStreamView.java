package io.entityflow.flink.serial;

import org.apache.flink.core.memory.DataOutputViewStreamWrapper;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream-backed view, as the changelog and a checkpoint's file stream hand a serializer, that records the size of
 * every write reaching its stream (1 for a single byte) and keeps the bytes.
 */
final class CountedStreamView {
    private final List<Integer> writes = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(new OutputStream() {
        @Override
        public void write(int b) {
            writes.add(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
            bytes.write(b, off, len);
        }
    });

    /**
     * A view whose stream already holds an int (4 bytes) from an earlier write, not counted: what follows must be
     * appended after it, as in a checkpoint's file stream or the changelog's buffer.
     */
    static CountedStreamView holdingAnInt() throws java.io.IOException {
        CountedStreamView stream = new CountedStreamView();
        stream.view.writeInt(7);
        stream.forgetWrites();
        return stream;
    }

    /** The sizes of the writes since the last {@link #forgetWrites}. */
    List<Integer> writes() {
        return writes;
    }

    void forgetWrites() {
        writes.clear();
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
