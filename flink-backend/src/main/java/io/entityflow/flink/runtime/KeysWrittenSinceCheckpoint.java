package io.entityflow.flink.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys of one operator subtask whose state changed after its last completed checkpoint: what a key that is
 * not among them holds is in that checkpoint, so a crash cannot undo it, and an answer computed from it alone may
 * go out at once. Free of Flink: the operator reports its checkpoints.
 *
 * <p>A write is counted in the checkpoint whose barrier follows it: the one after the last snapshot taken here.
 * Checkpoint ids only grow, so that id is at most the id of the checkpoint that really holds the write (a checkpoint
 * aborted after the snapshot passes its writes on to a later one); a completion of that id or any later one makes the
 * write durable. Notifications may be missed or come late (Flink's rule: a later one subsumes it): a key then just
 * stays written longer. After a restore every key holds what the restored checkpoint holds: none is written.
 */
final class KeysWrittenSinceCheckpoint {
    /** key → the checkpoint its last write will be in */
    private final Map<String, Long> checkpointOf = new HashMap<>();
    private long nextCheckpoint;
    private long lastCompleted;

    /** Starting fresh (0) or from the restored checkpoint {@code checkpointId}. */
    KeysWrittenSinceCheckpoint(long restoredCheckpoint) {
        this.lastCompleted = restoredCheckpoint;
        this.nextCheckpoint = restoredCheckpoint + 1;
    }

    void written(String key) {
        checkpointOf.put(key, nextCheckpoint);
    }

    /** The subtask's state for checkpoint {@code checkpointId} was taken: later writes belong to a later one. */
    void snapshotTaken(long checkpointId) {
        nextCheckpoint = Math.max(nextCheckpoint, checkpointId + 1);
    }

    /** Checkpoint {@code checkpointId} completed: it and every one before it are durable. */
    void checkpointCompleted(long checkpointId) {
        if (checkpointId <= lastCompleted) {
            return;
        }
        lastCompleted = checkpointId;
        // the map holds only keys written since the last completed checkpoint: one pass over it per completion
        checkpointOf.values().removeIf(checkpoint -> checkpoint <= checkpointId);
    }

    /** Whether {@code key}'s state is all in a completed checkpoint. */
    boolean durable(String key) {
        return !checkpointOf.containsKey(key);
    }

    /** How many keys changed after the last completed checkpoint. */
    int size() {
        return checkpointOf.size();
    }
}
