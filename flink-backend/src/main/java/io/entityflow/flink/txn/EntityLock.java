package io.entityflow.flink.txn;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Txn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
     * Envelopes that must be admitted again at every release: calls and returns of transactions that hold locks
     * elsewhere (wait-die re-checks them against each new holder; they go first, so those locks are freed soon),
     * and plain envelopes. Few, even at a hot entity.
     */
    private final StoredQueue waiting;
    /**
     * Envelopes that hold nothing anywhere and wait for the lock to be free: retry tickets of transactions that
     * died here (RESTART) and transactions' first calls. Nothing in this line can die or run while the lock is
     * held, so a release serves it from the head and never walks it: at a hot entity it holds thousands.
     */
    private final StoredQueue entrants;

    /**
     * How the key state brings its stored queue up to date: write it whole ({@code rewrite}), or append
     * {@code appended} (possibly none) to what it holds. {@link #storedSkipped()} and {@link #entrantsSkipped()}
     * say how many stored entries at the front to ignore.
     */
    public record QueueChange(boolean rewrite, List<Envelope> appended) {
    }

    public EntityLock() {
        this(null, List.of(), null, false, -1, -1);
    }

    /**
     * Restores a lock's holders from their stored fields (the state serializer); the queues are read apart.
     *
     * @param storedSkipped   how many entries at the front of the stored waiting queue are no longer waiting, or
     *                        -1 when the key state holds no such list
     * @param entrantsSkipped the same for the stored line of entrants
     */
    public EntityLock(Txn exclusive, List<Txn> shared, byte[] undo, boolean absentBefore, int storedSkipped,
                      int entrantsSkipped) {
        this.exclusive = exclusive;
        this.shared.addAll(shared);
        this.undo = undo;
        this.absentBefore = absentBefore;
        this.waiting = new StoredQueue(storedSkipped);
        this.entrants = new StoredQueue(entrantsSkipped);
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

    /**
     * A plain (non-transactional) envelope runs only when nobody holds the lock and no envelope to re-admit is
     * ahead of it. (Entrants wait only while the lock is held: a release serves them until it is.)
     */
    public Admission admitPlain() {
        return isHeld() || !waiting.isEmpty() ? Admission.WAIT : Admission.RUN;
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

    /** Queues an envelope: in the line of entrants when it holds nothing anywhere, else to be re-admitted. */
    public void enqueue(Envelope envelope) {
        boolean holdsNothing = envelope.kind() == Envelope.Kind.RESTART
                || (envelope.txn() != null && envelope.txn().participants().isEmpty());
        (holdsNothing ? entrants : waiting).add(envelope);
    }

    /** Takes the envelopes to re-admit out, in arrival order; the ones that must wait again are enqueued again. */
    public List<Envelope> takeWaiting() {
        return waiting.takeAll();
    }

    /** Takes the first in the line of entrants out, if any. */
    public Envelope nextEntrant() {
        return entrants.isEmpty() ? null : entrants.poll();
    }

    /**
     * The key state keeps the waiting envelopes apart from the holders (a long queue would otherwise be
     * serialised on every write of a hot lock): this is a copy of the holders with the stored queues, less the
     * entries that have left them.
     */
    public EntityLock withStoredQueues(Iterable<Envelope> storedWaiting, Iterable<Envelope> storedEntrants) {
        EntityLock lock = new EntityLock(exclusive, shared, undo, absentBefore, waiting.skipped(), entrants.skipped());
        lock.waiting.read(storedWaiting);
        lock.entrants.read(storedEntrants);
        return lock;
    }

    /** How many entries at the front of the stored waiting queue are no longer waiting; -1: no list is stored. */
    public int storedSkipped() {
        return waiting.skipped();
    }

    /** How many entries at the front of the stored line of entrants have left it; -1: no list is stored. */
    public int entrantsSkipped() {
        return entrants.skipped();
    }

    /** What the key state must write of the waiting queue since it read it (moves {@link #storedSkipped()}). */
    public QueueChange queueChange() {
        return waiting.change();
    }

    /** What the key state must write of the line of entrants since it read it (moves {@link #entrantsSkipped()}). */
    public QueueChange entrantsChange() {
        return entrants.change();
    }

    /** The key state has just written both queues' changes: later changes are counted from here. */
    public void waitingStored() {
        waiting.written();
        entrants.written();
    }

    /** Whether the waiting queue was taken out since it was stored, so the key state may have to write it whole. */
    public boolean waitingReplaced() {
        return waiting.replaced();
    }

    /** The envelopes queued to re-admit since the queue was stored (when it was not {@linkplain #waitingReplaced replaced}). */
    public List<Envelope> waitingAdded() {
        return waiting.added();
    }

    public boolean hasWaiting() {
        return !waiting.isEmpty() || !entrants.isEmpty();
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

    /** Everyone waiting, for a view: the envelopes to re-admit, then the line of entrants. */
    public List<Envelope> waiting() {
        List<Envelope> all = waiting.copy();
        all.addAll(entrants.copy());
        return Collections.unmodifiableList(all);
    }

    @Override
    public String toString() {
        return "lock[" + (exclusive != null ? "X " + exclusive : "S " + shared) + ", " + (waiting.size() + entrants.size()) + " waiting]";
    }
}
