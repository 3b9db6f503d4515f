package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The transaction an envelope belongs to. {@code (ts, id)} is its identity and its age (smaller is
 * older), kept across retries, so that an aborted transaction eventually is the oldest and wins;
 * {@code attempt} tells a retry from the attempt it replaces. The root is where it began (at stack depth
 * {@code rootDepth}: its end is the root method's return to that depth); {@code participants} are the
 * entities it has reached so far, which the root tells to commit or roll back at the end.
 */
public record Txn(long ts, String id, int attempt, EntityRef root, int rootDepth, List<EntityRef> participants) {

    public Txn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(root, "root");
        participants = List.copyOf(participants);
    }

    /** True when both are attempts of the same transaction. */
    public boolean sameTransaction(Txn other) {
        return ts == other.ts && id.equals(other.id);
    }

    /** True when both are the same attempt of the same transaction. */
    public boolean sameAttempt(Txn other) {
        return sameTransaction(other) && attempt == other.attempt;
    }

    /** Wait-die's order: the older transaction may wait for a younger one, never the other way round. */
    public boolean olderThan(Txn other) {
        return ts != other.ts ? ts < other.ts : id.compareTo(other.id) < 0;
    }

    /** This context with {@code entity} among the participants. */
    public Txn reaching(EntityRef entity) {
        if (participants.contains(entity)) {
            return this;
        }
        List<EntityRef> more = new ArrayList<>(participants.size() + 1);
        more.addAll(participants);
        more.add(entity);
        return new Txn(ts, id, attempt, root, rootDepth, more);
    }

    /** The next attempt after an abort: same identity, no participants yet. */
    public Txn retry() {
        return new Txn(ts, id, attempt + 1, root, rootDepth, List.of());
    }

    @Override
    public String toString() {
        return "txn " + id + "@" + ts + "#" + attempt;
    }
}
