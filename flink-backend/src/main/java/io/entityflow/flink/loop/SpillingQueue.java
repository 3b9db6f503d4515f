package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A FIFO queue of envelopes that never refuses and never blocks: up to {@code memoryBound} envelopes are
 * kept in memory, the newer ones beyond that go to files in {@code spillDirectory} and come back in order
 * as the memory part empties. The loop's channel uses it so the tail can always hand over what the entity
 * operators produce, however far the head falls behind. Not thread-safe: the channel synchronises.
 */
final class SpillingQueue implements AutoCloseable {
    private final int memoryBound;
    private final int segmentSize;
    private final Path spillDirectory;
    private final ArrayDeque<Envelope> memory = new ArrayDeque<>();
    /** Spilled segments, oldest first; only the last one may still be open for writing. */
    private final Deque<Segment> segments = new ArrayDeque<>();
    private long size;
    private long spilledTotal;

    SpillingQueue(int memoryBound, Path spillDirectory) {
        if (memoryBound < 2) {
            throw new IllegalArgumentException("memory bound must be at least 2 envelopes, got " + memoryBound);
        }
        this.memoryBound = memoryBound;
        this.segmentSize = Math.max(1, memoryBound / 2);
        this.spillDirectory = spillDirectory;
    }

    void add(Envelope envelope) {
        if (segments.isEmpty() && memory.size() < memoryBound) {
            memory.add(envelope);
        } else {
            writableSegment().append(envelope);
            spilledTotal++;
        }
        size++;
    }

    /** The oldest envelope, or null when empty. */
    Envelope poll() {
        if (memory.isEmpty() && !segments.isEmpty()) {
            // read back the oldest segment; at most segmentSize envelopes, so memory stays bounded
            Segment oldest = segments.poll();
            oldest.readInto(memory::add);
            oldest.delete();
        }
        Envelope next = memory.poll();
        if (next != null) {
            size--;
        }
        return next;
    }

    long size() {
        return size;
    }

    /** How many envelopes ever went to disk (for tests and metrics). */
    long spilledTotal() {
        return spilledTotal;
    }

    /** Hands the oldest {@code count} envelopes to {@code consumer} in order, without removing them. */
    void forEachOldest(long count, Consumer<Envelope> consumer) {
        long left = count;
        for (Envelope envelope : memory) {
            if (left-- <= 0) {
                return;
            }
            consumer.accept(envelope);
        }
        for (Segment segment : segments) {
            if (left <= 0) {
                return;
            }
            long[] remaining = {left};
            segment.readInto(envelope -> {
                if (remaining[0]-- > 0) {
                    consumer.accept(envelope);
                }
            });
            left = Math.max(0, remaining[0]);
        }
    }

    @Override
    public void close() {
        segments.forEach(Segment::delete);
        segments.clear();
        memory.clear();
        size = 0;
    }

    private Segment writableSegment() {
        Segment last = segments.peekLast();
        if (last == null || last.count >= segmentSize) {
            last = new Segment(spillDirectory);
            segments.add(last);
        }
        return last;
    }

    /** A file of envelopes, appended to until full, then read back once. */
    private static final class Segment {
        private final Path file;
        private DataOutputStream out;
        private int count;

        Segment(Path directory) {
            try {
                Files.createDirectories(directory);
                file = Files.createTempFile(directory, "entityflow-loop-", ".spill");
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot spill the feedback queue to " + directory, e);
            }
        }

        void append(Envelope envelope) {
            try {
                EnvelopeCodec.write(envelope, out);
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot spill the feedback queue to " + file, e);
            }
        }

        void readInto(Consumer<Envelope> consumer) {
            try {
                out.flush();
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                    for (int i = 0; i < count; i++) {
                        consumer.accept(EnvelopeCodec.read(in));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read spilled feedback from " + file, e);
            }
        }

        void delete() {
            try {
                out.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete spilled feedback " + file, e);
            }
        }
    }

    /** For tests: everything, oldest first, without removing. */
    List<Envelope> snapshot() {
        List<Envelope> all = new java.util.ArrayList<>();
        forEachOldest(size, all::add);
        return all;
    }
}
