package io.entityflow.flink.serial;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.util.NonClosingOutputStreamDecorator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Nanoseconds to write one entity's state key ({@code type/key}) as a heap snapshot does — through a
 * {@link DataOutputViewStreamWrapper} over Flink's non-closing decorator over a stream that copies into an array
 * (a checkpoint file stream's buffer) — with Flink's {@link StringSerializer} and with {@link EntityKeySerializer}.
 * Prints the median of the measured rounds for six passes; compare the last.
 * <p>Run (after {@code ./mvnw install -DskipTests}): {@code java -cp flink-backend/target/classes:flink-backend/target/test-classes:cli/target/entityflow-cli-all.jar
 * io.entityflow.flink.serial.EntityKeySerializerBenchmark}
 */
public final class EntityKeySerializerBenchmark {
    private static final int KEYS = 100_000;
    private static final int ROUNDS = 12;
    private static final int WARM_ROUNDS = 4;

    /** What a checkpoint file stream is below the decorators: an array it copies into (flushed when full). */
    private static final class BufferStream extends OutputStream {
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private long flushed;

        @Override
        public void write(int b) {
            if (position == buffer.length) {
                drain();
            }
            buffer[position++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (length > buffer.length - position) {
                drain();
            }
            if (length > buffer.length) {
                flushed += length;
                return;
            }
            System.arraycopy(bytes, offset, buffer, position, length);
            position += length;
        }

        private void drain() {
            flushed += position;
            position = 0;
        }

        long written() {
            return flushed + position;
        }
    }

    private EntityKeySerializerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add((i % 3 == 0 ? "io.entityflow.samples.checkout.Order/" : "io.entityflow.samples.checkout.Stock/") + (i * 7919));
        }
        for (int pass = 0; pass < 6; pass++) {
            System.out.printf("pass %d: StringSerializer %.1f ns, EntityKeySerializer %.1f ns per key%n", pass + 1,
                    medianNanos(keys, StringSerializer.INSTANCE), medianNanos(keys, EntityKeySerializer.INSTANCE));
        }
    }

    private static double medianNanos(List<String> keys, TypeSerializer<String> serializer) throws IOException {
        double[] perKey = new double[ROUNDS - WARM_ROUNDS];
        long bytes = 0;
        for (int round = 0; round < ROUNDS; round++) {
            BufferStream file = new BufferStream();
            DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(new NonClosingOutputStreamDecorator(file));
            long start = System.nanoTime();
            for (String key : keys) {
                serializer.serialize(key, view);
            }
            if (round >= WARM_ROUNDS) {
                perKey[round - WARM_ROUNDS] = (System.nanoTime() - start) / (double) keys.size();
            }
            bytes += file.written();
        }
        if (bytes == 0) {
            throw new AssertionError("nothing written");
        }
        Arrays.sort(perKey);
        return perKey[perKey.length / 2];
    }
}
