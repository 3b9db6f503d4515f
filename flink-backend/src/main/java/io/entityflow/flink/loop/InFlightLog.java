package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The envelopes in flight on the loop's channel at a checkpoint, stored in the head's raw keyed state,
 * grouped by the key group of the entity each is for. Keyed (not operator) state, because then a
 * restore with another parallelism hands every envelope to the subtask that now owns its entity.
 */
final class InFlightLog {
    /** Written before each key group's envelopes; a different version is refused on restore. */
    private static final int FORMAT = 1;

    private InFlightLog() {
    }

    static void write(List<Envelope> envelopes, int maxParallelism, KeyedStateCheckpointOutputStream out) throws IOException {
        Map<Integer, List<Envelope>> byKeyGroup = new TreeMap<>();
        for (Envelope envelope : envelopes) {
            int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(envelope.destinationKey(), maxParallelism);
            byKeyGroup.computeIfAbsent(keyGroup, k -> new ArrayList<>()).add(envelope);
        }
        DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(out);
        // every key group of the range, in order, so a restore finds a well-formed entry for each
        for (int keyGroup : out.getKeyGroupList()) {
            out.startNewKeyGroup(keyGroup);
            List<Envelope> group = byKeyGroup.getOrDefault(keyGroup, List.of());
            view.writeInt(FORMAT);
            view.writeInt(group.size());
            for (Envelope envelope : group) {
                EnvelopeCodec.write(envelope, view);
            }
        }
    }

    static void read(Iterable<KeyGroupStatePartitionStreamProvider> inputs, Consumer<Envelope> replay) throws IOException {
        for (KeyGroupStatePartitionStreamProvider input : inputs) {
            try (InputStream stream = input.getStream()) {
                DataInputStream in = new DataInputViewStreamWrapper(stream);
                int format = in.readInt();
                if (format != FORMAT) {
                    throw new IOException("the loop's in-flight log of key group " + input.getKeyGroupId()
                            + " has format " + format + "; this version reads format " + FORMAT);
                }
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    replay.accept(EnvelopeCodec.read(in));
                }
            }
        }
    }
}
