package io.entityflow.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What a final read of each record's payload may return, given the updates sent and acknowledged. Updates
 * of one record can overlap (several in flight), so the order they were applied in is not known; what is
 * known: an update acknowledged before the last update of the record was sent was applied before it. The
 * final payload must therefore be that last update's, or one whose acknowledgement came after it was sent
 * (the two overlapped). A record whose update failed is not checked (its effect is unknown); a record never
 * updated keeps the empty payload it was created with.
 */
final class LastWrites {
    private final AtomicReferenceArray<Slot> slots;

    LastWrites(int records) {
        slots = new AtomicReferenceArray<>(records);
    }

    /** Call before sending the update. */
    void sent(int record, String payload) {
        Slot slot = slot(record);
        synchronized (slot) {
            slot.last = payload;
            slot.overlapping.clear(); // acknowledged before this was sent: overwritten by it
        }
    }

    void acknowledged(int record, String payload) {
        Slot slot = slot(record);
        synchronized (slot) {
            if (!payload.equals(slot.last)) {
                slot.overlapping.add(payload);
            }
        }
    }

    void failed(int record) {
        Slot slot = slot(record);
        synchronized (slot) {
            slot.uncertain = true;
        }
    }

    /** The check of one record's final payload. */
    Outcome check(int record, Object finalPayload) {
        Slot slot = slots.get(record);
        if (slot == null) {
            return "".equals(finalPayload) ? Outcome.AS_EXPECTED : Outcome.WRONG;
        }
        synchronized (slot) {
            if (slot.uncertain) {
                return Outcome.UNKNOWN;
            }
            return slot.last.equals(finalPayload) || slot.overlapping.contains(finalPayload) ? Outcome.AS_EXPECTED : Outcome.WRONG;
        }
    }

    enum Outcome { AS_EXPECTED, WRONG, UNKNOWN }

    private Slot slot(int record) {
        Slot slot = slots.get(record);
        if (slot == null) {
            slots.compareAndSet(record, null, new Slot());
            slot = slots.get(record);
        }
        return slot;
    }

    private static final class Slot {
        String last;
        final List<String> overlapping = new ArrayList<>(2);
        boolean uncertain;
    }
}
