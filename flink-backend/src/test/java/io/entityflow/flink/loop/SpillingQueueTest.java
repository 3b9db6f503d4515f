package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SpillingQueueTest {
    @TempDir
    Path spill;

    private static Envelope envelope(int i) {
        return Envelope.call("r" + i, new EntityRef("T", "k" + (i % 7)), "m", new Object[]{i, "x".repeat(i % 5)}, List.of());
    }

    @Test
    void keepsOrderAcrossMemoryAndDiskAndCleansUp() throws Exception {
        SpillingQueue queue = new SpillingQueue(10, spill);
        List<Envelope> taken = new ArrayList<>();
        int next = 0;
        // interleave bursts (which spill) with partial drains
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 37; i++) {
                queue.add(envelope(next++));
            }
            for (int i = 0; i < 23; i++) {
                taken.add(queue.poll());
            }
        }
        assertThat(queue.spilledTotal()).as("bursts beyond the bound went to disk").isPositive();
        Envelope last;
        while ((last = queue.poll()) != null) {
            taken.add(last);
        }
        assertThat(taken).hasSize(next);
        for (int i = 0; i < next; i++) {
            assertThat(taken.get(i)).isEqualTo(envelope(i));
        }
        assertThat(queue.size()).isZero();
        try (Stream<Path> files = Files.list(spill)) {
            assertThat(files).as("segments are deleted once read back").isEmpty();
        }
    }

    @Test
    void showsTheOldestWithoutTakingThem() {
        SpillingQueue queue = new SpillingQueue(4, spill);
        for (int i = 0; i < 25; i++) {
            queue.add(envelope(i));
        }
        List<Envelope> first = new ArrayList<>();
        queue.forEachOldest(13, first::add);
        assertThat(first).containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(13).map(SpillingQueueTest::envelope).toList());
        assertThat(queue.size()).isEqualTo(25);
        assertThat(queue.poll()).isEqualTo(envelope(0));
        queue.close();
    }
}
