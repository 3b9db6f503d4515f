package io.entityflow.flink.serial;

import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Serialises a value into a stream-backed {@link DataOutputView} in one write. Such a view (a snapshot's file stream
 * behind a {@code DataOutputStream}) costs a virtual call chain per byte, and {@code write(int)} takes a lock: writing
 * an int took four of them. The value goes into a per-thread array first, then into the target at once. A
 * {@link DataOutputSerializer} target (network buffers) is written directly: it is an array already.
 */
final class WrittenInOneCall {
    /** Per thread: task threads and snapshot threads serialise concurrently. */
    private static final ThreadLocal<DataOutputSerializer> SCRATCH = ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));
    /** A thread keeps its buffer up to this size; a larger value's buffer goes with it. */
    private static final int MAX_KEPT_SCRATCH_BYTES = 1 << 20;

    interface Writer<T> {
        void write(T value, DataOutputView target) throws IOException;
    }

    private WrittenInOneCall() {
    }

    /**
     * The value's bytes in an array of their length: {@code reuse}, overwritten, when it has that length (null:
     * always a new array).
     */
    static <T> byte[] toArray(T value, Writer<T> writer, byte[] reuse) throws IOException {
        DataOutputSerializer scratch = SCRATCH.get();
        boolean nested = scratch.length() > 0; // inside a serialisation that is using the scratch
        DataOutputSerializer out = nested ? new DataOutputSerializer(256) : scratch;
        try {
            writer.write(value, out);
            if (reuse != null && reuse.length == out.length()) {
                System.arraycopy(out.getSharedBuffer(), 0, reuse, 0, reuse.length);
                return reuse;
            }
            return out.getCopyOfBuffer();
        } finally {
            if (!nested) {
                release(scratch);
            }
        }
    }

    static <T> void write(T value, DataOutputView target, Writer<T> writer) throws IOException {
        if (target instanceof DataOutputSerializer) {
            writer.write(value, target); // an array already (the network's records: no thread-local look-up)
            return;
        }
        DataOutputSerializer scratch = SCRATCH.get();
        if (scratch.length() > 0) {
            writer.write(value, target); // a serialisation nested in one that is using the scratch
            return;
        }
        try {
            writer.write(value, scratch);
            target.write(scratch.getSharedBuffer(), 0, scratch.length());
        } finally {
            release(scratch);
        }
    }

    /** Empties the thread's scratch for the next value; a buffer grown past the bound goes with it. */
    private static void release(DataOutputSerializer scratch) {
        scratch.clear();
        if (scratch.getSharedBuffer().length > MAX_KEPT_SCRATCH_BYTES) {
            SCRATCH.remove();
        }
    }
}
