package io.entityflow.flink.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which keys hold state a crash could still undo: a key written is durable again once the checkpoint after the
 * write (or a later one) completes, never earlier.
 */
class KeysWrittenSinceCheckpointTest {

    @Test
    void aWriteIsDurableOnceTheCheckpointAfterItCompletes() {
        KeysWrittenSinceCheckpoint keys = new KeysWrittenSinceCheckpoint(0);
        assertThat(keys.durable("a")).as("nothing written yet").isTrue();

        keys.written("a");
        assertThat(keys.durable("a")).isFalse();
        keys.snapshotTaken(1);
        assertThat(keys.durable("a")).as("taken, not completed").isFalse();
        keys.checkpointCompleted(1);
        assertThat(keys.durable("a")).isTrue();
        assertThat(keys.noneWritten()).isTrue();
    }

    @Test
    void aWriteAfterASnapshotWaitsForTheNextCheckpoint() {
        KeysWrittenSinceCheckpoint keys = new KeysWrittenSinceCheckpoint(0);
        keys.written("a");
        keys.snapshotTaken(1);
        keys.written("b"); // after checkpoint 1's barrier: not in it
        keys.written("a"); // written again: its first write is in 1, this one is not

        keys.checkpointCompleted(1);
        assertThat(keys.durable("a")).isFalse();
        assertThat(keys.durable("b")).isFalse();

        keys.snapshotTaken(2);
        keys.checkpointCompleted(2);
        assertThat(keys.durable("a")).isTrue();
        assertThat(keys.durable("b")).isTrue();
    }

    @Test
    void aCheckpointThatNeverCompletesIsSubsumedByALaterOne() {
        KeysWrittenSinceCheckpoint keys = new KeysWrittenSinceCheckpoint(0);
        keys.written("a");
        keys.snapshotTaken(1); // checkpoint 1 is aborted later: no completion comes
        keys.written("b");
        keys.snapshotTaken(3); // 2 was a savepoint elsewhere, or declined before reaching this subtask

        keys.checkpointCompleted(3);
        assertThat(keys.durable("a")).isTrue();
        assertThat(keys.durable("b")).isTrue();
    }

    @Test
    void aLateOrRepeatedCompletionChangesNothing() {
        KeysWrittenSinceCheckpoint keys = new KeysWrittenSinceCheckpoint(0);
        keys.snapshotTaken(1);
        keys.snapshotTaken(2);
        keys.checkpointCompleted(2);
        keys.written("a"); // belongs to checkpoint 3
        keys.checkpointCompleted(1); // late notice of an older one
        keys.checkpointCompleted(2); // repeated
        assertThat(keys.durable("a")).isFalse();
    }

    @Test
    void afterARestoreWritesCountTowardsTheCheckpointsAfterTheRestoredOne() {
        KeysWrittenSinceCheckpoint keys = new KeysWrittenSinceCheckpoint(41);
        assertThat(keys.durable("a")).as("restored state is all in checkpoint 41").isTrue();
        keys.written("a");
        keys.checkpointCompleted(41); // a notice for the restored checkpoint itself
        assertThat(keys.durable("a")).isFalse();
        keys.snapshotTaken(42);
        keys.checkpointCompleted(42);
        assertThat(keys.durable("a")).isTrue();
    }

    @Test
    void everyKeyWrittenLooksWrittenAndFewOthersDo() {
        KeysWrittenSinceCheckpoint keys = new KeysWrittenSinceCheckpoint(0);
        java.util.Random random = new java.util.Random(7);
        java.util.Set<String> written = new java.util.HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String key = "user-" + random.nextInt(1_000_000);
            keys.written(key);
            written.add(key);
        }
        assertThat(written).allMatch(key -> !keys.durable(key));
        long lookWritten = java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> "item-" + i)
                .filter(key -> !written.contains(key) && !keys.durable(key)).count();
        // a shared bit only makes a read wait for the checkpoint; it must stay rare
        assertThat(lookWritten).as("durable keys that look written").isLessThan(20_000 / 20);
    }

    @Test
    void whenCompletionsStopComingOldWritesWaitForALaterCheckpointAndTheRecordStaysBounded() {
        KeysWrittenSinceCheckpoint keys = new KeysWrittenSinceCheckpoint(0);
        for (int checkpoint = 1; checkpoint <= 3 * KeysWrittenSinceCheckpoint.MAX_PENDING; checkpoint++) {
            keys.written("k" + checkpoint);
            keys.snapshotTaken(checkpoint);
        }
        assertThat(keys.pendingCheckpoints()).isEqualTo(KeysWrittenSinceCheckpoint.MAX_PENDING);
        assertThat(keys.durable("k1")).as("merged into a later checkpoint, still written").isFalse();

        keys.checkpointCompleted(2 * KeysWrittenSinceCheckpoint.MAX_PENDING);
        assertThat(keys.durable("k1")).as("merged into a checkpoint after this one").isFalse();
        keys.checkpointCompleted(3 * KeysWrittenSinceCheckpoint.MAX_PENDING);
        assertThat(keys.durable("k1")).isTrue();
        assertThat(keys.noneWritten()).isTrue();
    }
}
