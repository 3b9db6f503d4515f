package io.entityflow.flink.txn;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Txn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * One entity's lock (strict two-phase locking with wait-die, see docs/transactions.md): the transaction
 * holding it exclusively or the ones sharing it, the entity's state from before the exclusive holder's
 * first write (its undo image), and the envelopes waiting. Pure logic over plain fields: the entity
 * operator keeps it in keyed state; unit tests drive it directly.
 */
public final class EntityLock {

    /** What an arriving envelope may do. */
    public enum Admission {
        /** Run now; the lock was already held in a sufficient mode (or the envelope takes no lock). */
        RUN,
        /** Run now; the transaction has just taken the exclusive lock: record the undo image first. */
        RUN_FIRST_WRITE,
        /** Queue until the lock changes hands. */
        WAIT,
        /** Abort the transaction: it is younger than a conflicting holder. */
        DIE
    }

    private Txn exclusive;
    private final List<Txn> shared = new ArrayList<>();
    private byte[] undo;
    private boolean absentBefore;
    /**
     * The front of the queue as the key state holds it, {@code stored[storedFrom, storedTo)}: the key state's own
     * list, read in place and never changed here. Every envelope that reaches a locked entity reads its lock, and
     * a hot entity's queue holds thousands: copying it on each read took a quarter of the loop under zipfian
     * keys. The key state only ever appends to that list in place or replaces it, so the range stays valid.
     */
    private List<Envelope> stored = List.of();
    private int storedFrom;
    private int storedTo;
    /** The rest of the queue, after the stored range. */
    private final List<Envelope> waiting = new ArrayList<>();
    /**
     * How many envelopes at the front of the key state's stored queue have left it: a release that admits the
     * first waiters only moves this mark instead of rewriting the queue (a hot entity's queue can hold thousands,
     * and the changelog backend serialises every envelope of a rewritten list).
     */
    private int storedSkipped;
    /** How many waiting envelopes, from the front, the key state holds as they are here. */
    private int storedWaiting;
    /** The queue as it was when taken out to be admitted again, since the key state stored it; else null. */
    private List<Envelope> takenOut;

    /** Below this many left-behind entries a stored queue is never compacted. */
    static final int COMPACT_AFTER = 64;

    /**
     * How the key state brings its stored queue up to date: write it whole ({@code rewrite}), or append
     * {@code appended} (possibly none) to what it holds. {@link #storedSkipped()} says how many stored entries
     * at the front to ignore.
     */
    public record QueueChange(boolean rewrite, List<Envelope> appended) {
    }

    public EntityLock() {
    }

    /** Restores a lock from its stored fields (the state serializer). */
    public EntityLock(Txn exclusive, List<Txn> shared, byte[] undo, boolean absentBefore, List<Envelope> waiting) {
        this(exclusive, shared, undo, absentBefore, waiting, 0);
    }

    /** @param storedSkipped how many entries at the front of the stored queue are no longer waiting */
    public EntityLock(Txn exclusive, List<Txn> shared, byte[] undo, boolean absentBefore, List<Envelope> waiting,
                      int storedSkipped) {
        this.exclusive = exclusive;
        this.shared.addAll(shared);
        this.undo = undo;
        this.absentBefore = absentBefore;
        this.waiting.addAll(waiting);
        this.storedSkipped = storedSkipped;
    }

    /**
     * Admits an envelope of transaction {@code txn} wanting the lock in shared ({@code readOnly}) or
     * exclusive mode, taking the lock when it is granted.
     */
    public Admission admitTransactional(Txn txn, boolean readOnly) {
        if (exclusive != null) {
            if (exclusive.sameAttempt(txn)) {
                return Admission.RUN;
            }
            return conflict(txn, List.of(exclusive));
        }
        List<Txn> others = shared.stream().filter(holder -> !holder.sameAttempt(txn)).toList();
        if (readOnly) {
            if (others.stream().anyMatch(holder -> holder.sameTransaction(txn))) {
                return Admission.WAIT; // an earlier attempt still holds it: its rollback is on the way
            }
            if (shared.stream().noneMatch(holder -> holder.sameAttempt(txn))) {
                shared.add(txn);
            }
            return Admission.RUN;
        }
        if (!others.isEmpty()) {
            return conflict(txn, others);
        }
        shared.clear(); // an upgrade of the transaction's own shared lock, or a free lock
        exclusive = txn;
        return Admission.RUN_FIRST_WRITE;
    }

    /** A plain (non-transactional) envelope runs only when nobody holds the lock or waits for it. */
    public Admission admitPlain() {
        return isHeld() || hasWaiting() ? Admission.WAIT : Admission.RUN;
    }

    /**
     * Wait-die: wait for holders that are all younger, die otherwise. A transaction that holds no lock yet
     * (its participants are the entities it holds) may always wait: nobody can be waiting for it, so its
     * wait closes no cycle, and the first lock of an attempt never costs an abort.
     */
    private static Admission conflict(Txn txn, List<Txn> holders) {
        if (holders.stream().anyMatch(holder -> holder.sameTransaction(txn))) {
            return Admission.WAIT; // an earlier attempt of the same transaction: its rollback is on the way
        }
        if (txn.participants().isEmpty()) {
            return Admission.WAIT;
        }
        return holders.stream().allMatch(txn::olderThan) ? Admission.WAIT : Admission.DIE;
    }

    /**
     * Takes the free lock for {@code next}, the coming attempt of a transaction that lost a conflict here,
     * before it has even started: so it is first in line instead of losing to the next holder again.
     */
    public void reserve(Txn next) {
        if (isHeld()) {
            throw new IllegalStateException("cannot reserve a held lock for " + next + ": " + this);
        }
        exclusive = next;
    }

    /** Records the state before the exclusive holder's first write: serialised fields, or absent. */
    public void recordUndo(byte[] stateBefore) {
        this.undo = stateBefore;
        this.absentBefore = stateBefore == null;
    }

    /** The undo image of the exclusive holder (null when the entity did not exist before it). */
    public byte[] undo() {
        return undo;
    }

    public boolean absentBefore() {
        return absentBefore;
    }

    /** Whether {@code txn} (this attempt) holds the lock exclusively: only then is there an undo image for it. */
    public boolean heldExclusivelyBy(Txn txn) {
        return exclusive != null && exclusive.sameAttempt(txn);
    }

    /** Releases whatever {@code txn} holds; returns whether it held anything. */
    public boolean release(Txn txn) {
        boolean held = false;
        if (exclusive != null && exclusive.sameAttempt(txn)) {
            exclusive = null;
            undo = null;
            absentBefore = false;
            held = true;
        }
        held |= shared.removeIf(holder -> holder.sameAttempt(txn));
        return held;
    }

    public boolean isHeld() {
        return exclusive != null || !shared.isEmpty();
    }

    public void enqueue(Envelope envelope) {
        waiting.add(envelope);
    }

    /** Takes every waiting envelope out, in arrival order, to be admitted again. */
    public List<Envelope> takeWaiting() {
        List<Envelope> taken = waitingFrom(0);
        if (takenOut == null) {
            takenOut = taken; // its first storedWaiting are what the key state holds: changes are measured against it
        }
        stored = List.of();
        storedFrom = 0;
        storedTo = 0;
        waiting.clear();
        return taken;
    }

    private int waitingCount() {
        return storedTo - storedFrom + waiting.size();
    }

    /** The waiting envelopes from position {@code from} on, in a new list. */
    private List<Envelope> waitingFrom(int from) {
        List<Envelope> copy = new ArrayList<>(Math.max(0, waitingCount() - from));
        int storedCount = storedTo - storedFrom;
        if (from < storedCount) {
            copy.addAll(stored.subList(storedFrom + from, storedTo));
        }
        copy.addAll(waiting.subList(Math.min(Math.max(0, from - storedCount), waiting.size()), waiting.size()));
        return copy;
    }

    /**
     * The key state keeps the waiting envelopes apart from the holders (a long queue would otherwise be
     * serialised on every write of a hot lock): this is a copy of the holders with the stored queue, less the
     * {@linkplain #storedSkipped() entries that have left it}.
     */
    public EntityLock withStoredWaiting(Iterable<Envelope> stored) {
        EntityLock lock = new EntityLock(exclusive, shared, undo, absentBefore, List.of(), storedSkipped);
        List<Envelope> queue;
        if (stored instanceof List<Envelope> list && list instanceof RandomAccess) {
            queue = list;
        } else {
            queue = new ArrayList<>();
            stored.forEach(queue::add);
        }
        lock.stored = queue;
        lock.storedTo = queue.size();
        lock.storedFrom = Math.min(storedSkipped, lock.storedTo);
        lock.waitingStored();
        return lock;
    }

    /** How many entries at the front of the stored queue are no longer waiting. */
    public int storedSkipped() {
        return storedSkipped;
    }

    /**
     * What the key state must write of the queue since it stored it, and the new count of entries to skip.
     * When the queue was taken out and admitted again and what still waits is what waited before less some at
     * the front (a release admitted the first in line; the rest keep their places), nothing is rewritten: the
     * skip count grows, until the left-behind entries outnumber the live ones and the queue is compacted.
     */
    public QueueChange queueChange() {
        if (takenOut == null) {
            return new QueueChange(false, waitingAdded());
        }
        int left = takenOut.size() - waiting.size();
        boolean prefixLeft = left >= 0;
        for (int i = 0; prefixLeft && i < waiting.size(); i++) {
            prefixLeft = waiting.get(i) == takenOut.get(left + i); // the same envelopes, in the same order
        }
        int stored = Math.min(storedWaiting, takenOut.size());
        int skipped = storedSkipped + Math.min(left, stored);
        if (prefixLeft && (skipped < COMPACT_AFTER || skipped < waiting.size())) {
            storedSkipped = skipped;
            // the ones still waiting that the key state did not hold yet
            return new QueueChange(false, List.copyOf(waiting.subList(Math.max(0, stored - left), waiting.size())));
        }
        storedSkipped = 0;
        return new QueueChange(true, List.copyOf(waiting));
    }

    /** The key state has just written the queue: later changes are counted from here. */
    public void waitingStored() {
        storedWaiting = waitingCount();
        takenOut = null;
    }

    /** Whether the queue was taken out since it was stored, so the key state may have to write it whole. */
    public boolean waitingReplaced() {
        return takenOut != null;
    }

    /** The envelopes queued since the queue was stored (when it was not {@linkplain #waitingReplaced replaced}). */
    public List<Envelope> waitingAdded() {
        return Collections.unmodifiableList(waitingFrom(storedWaiting));
    }

    public boolean hasWaiting() {
        return waitingCount() > 0;
    }

    /** Nothing held and nobody waiting: the operator drops the lock from its state. */
    public boolean isIdle() {
        return !isHeld() && !hasWaiting();
    }

    public Txn exclusive() {
        return exclusive;
    }

    /** A read-only view (the serializer reads it at every write of a lock: no copy). */
    public List<Txn> shared() {
        return Collections.unmodifiableList(shared);
    }

    public List<Envelope> waiting() {
        return Collections.unmodifiableList(waitingFrom(0));
    }

    @Override
    public String toString() {
        return "lock[" + (exclusive != null ? "X " + exclusive : "S " + shared) + ", " + waitingCount() + " waiting]";
    }
}
