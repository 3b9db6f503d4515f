package io.entityflow.flink.txn;

import io.entityflow.flink.envelope.Envelope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * One of a lock's queues as the key state keeps it in a list state, with what changed since it was read, so
 * that the key state writes appends and a skip count instead of the whole list (a hot entity's queue holds
 * thousands, and the changelog backend serialises every envelope of a rewritten list).
 *
 * <p>The stored front is the key state's own list, read in place and never changed here: every envelope that
 * reaches a locked entity reads its lock, and copying a hot queue on each read took a quarter of the loop under
 * zipfian keys. The key state only ever appends to that list in place or replaces it, so the range read stays
 * valid. A queue is used one of two ways between reads: {@link #poll() served from the head}, or
 * {@link #takeAll() taken out whole} and the envelopes still waiting put back in their order.
 */
final class StoredQueue {

    /** Below this many left-behind entries a stored queue is never compacted. */
    static final int COMPACT_AFTER = 64;

    /** The live front as the key state holds it: {@code stored[from, to)}. */
    private List<Envelope> stored = List.of();
    private int from;
    private int to;
    /** {@link #from} when the key state last read or wrote the queue. */
    private int fromWhenStored;
    /** The rest of the queue, after the stored range; its first {@link #tailStored} entries the key state holds too. */
    private final List<Envelope> tail = new ArrayList<>();
    private int tailStored;
    /** Stored tail entries served from the head since the key state last wrote the queue. */
    private int tailServed;
    /** How many entries at the front of the key state's list have left the queue (as of the last read or write). */
    private int skipped;
    /**
     * Whether the key state holds a list for this queue at all: most locks never have anyone waiting, and
     * reading, then clearing, an absent list costs a state look-up and a changelog entry each.
     */
    private boolean listStored;
    /** The queue as it was when taken out whole since the key state stored it; else null. */
    private List<Envelope> takenOut;
    /** How many of {@link #takenOut}'s first entries the key state holds. */
    private int storedWhenTaken;

    /** @param skipped entries at the front of the key state's list that have left, or -1: it holds no list */
    StoredQueue(int skipped) {
        this.skipped = Math.max(0, skipped);
        this.listStored = skipped >= 0;
    }

    /** Takes the key state's list (in place when it can index it) as this queue's stored part. */
    void read(Iterable<Envelope> list) {
        List<Envelope> queue;
        if (list instanceof List<Envelope> indexed && indexed instanceof RandomAccess) {
            queue = indexed;
        } else {
            queue = new ArrayList<>();
            list.forEach(queue::add);
        }
        stored = queue;
        to = queue.size();
        from = Math.min(skipped, to);
        fromWhenStored = from;
        tail.clear();
        tailStored = 0;
        tailServed = 0;
        takenOut = null;
    }

    int size() {
        return to - from + tail.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    void add(Envelope envelope) {
        tail.add(envelope);
    }

    /** Takes the head out (the queue must not be empty). */
    Envelope poll() {
        if (from < to) {
            return stored.get(from++);
        }
        if (tailStored > 0) {
            tailStored--;
            tailServed++;
        }
        return tail.remove(0);
    }

    /** Takes every envelope out, in order; the ones that still wait are {@linkplain #add put back} after. */
    List<Envelope> takeAll() {
        List<Envelope> taken = copy();
        if (takenOut == null) {
            takenOut = taken;
            storedWhenTaken = (to - from) + tailStored;
            skipped += (from - fromWhenStored) + tailServed; // served from the head before: left the stored list
        }
        stored = List.of();
        from = 0;
        to = 0;
        fromWhenStored = 0;
        tail.clear();
        tailStored = 0;
        tailServed = 0;
        return taken;
    }

    /** The envelopes in order, in a new list. */
    List<Envelope> copy() {
        List<Envelope> copy = new ArrayList<>(size());
        copy.addAll(stored.subList(from, to));
        copy.addAll(tail);
        return copy;
    }

    /**
     * How many entries at the front of the key state's list to ignore, as of the last {@link #change()}, or -1
     * when the key state holds no list (there is nothing to read).
     */
    int skipped() {
        return listStored ? skipped : -1;
    }

    /** Whether the queue was taken out whole since it was stored. */
    boolean replaced() {
        return takenOut != null;
    }

    /** The envelopes queued since the queue was stored (when it was not {@linkplain #replaced replaced}). */
    List<Envelope> added() {
        return Collections.unmodifiableList(new ArrayList<>(tail.subList(tailStored, tail.size())));
    }

    /**
     * What the key state must write since it stored the queue, moving {@link #skipped()}: appends, when what
     * still waits is what waited before less some at the front, until the entries left behind outnumber the
     * live ones and the list is compacted; the whole queue otherwise.
     */
    EntityLock.QueueChange change() {
        EntityLock.QueueChange change = changeSinceStored();
        if (change.rewrite()) {
            listStored = !change.appended().isEmpty(); // a list state updated to nothing is cleared
        } else if (!change.appended().isEmpty()) {
            listStored = true;
        }
        if (!listStored) {
            skipped = 0;
        }
        return change;
    }

    private EntityLock.QueueChange changeSinceStored() {
        if (takenOut == null) {
            int newSkipped = skipped + (from - fromWhenStored) + tailServed;
            if (newSkipped < COMPACT_AFTER || newSkipped < size()) {
                skipped = newSkipped;
                return new EntityLock.QueueChange(false, added());
            }
            skipped = 0;
            return new EntityLock.QueueChange(true, List.copyOf(copy()));
        }
        // taken out whole: the stored list is takenOut's first storedWhenTaken entries
        int left = takenOut.size() - tail.size();
        boolean prefixLeft = left >= 0;
        for (int i = 0; prefixLeft && i < tail.size(); i++) {
            prefixLeft = tail.get(i) == takenOut.get(left + i); // the same envelopes, in the same order
        }
        int newSkipped = skipped + Math.min(left, storedWhenTaken);
        if (prefixLeft && (newSkipped < COMPACT_AFTER || newSkipped < tail.size())) {
            skipped = newSkipped;
            // the ones still waiting that the key state did not hold yet
            return new EntityLock.QueueChange(false,
                    List.copyOf(tail.subList(Math.max(0, storedWhenTaken - left), tail.size())));
        }
        skipped = 0;
        return new EntityLock.QueueChange(true, List.copyOf(tail));
    }

    /** The key state has just written the {@link #change()}: later changes are counted from here. */
    void written() {
        fromWhenStored = from;
        tailStored = tail.size();
        tailServed = 0;
        takenOut = null;
    }
}
