package io.entityflow.flink.txn;

import io.entityflow.api.TransactionAbortedException;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;
import io.entityflow.flink.envelope.Txn;
import io.entityflow.flink.envelope.UniqueIds;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.Invocation;
import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.runtime.SplitEntity;

import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * Handles one envelope at the entity it is for, with transactions (docs/transactions.md): begins a
 * transaction at a {@code @Transactional} method called outside one, admits envelopes through the
 * entity's {@link EntityLock} (run, wait, or abort by wait-die), runs entity code through the
 * {@link EntityInvoker}, ends the transaction at its root (COMMIT or ROLLBACK to every participant), and
 * applies COMMIT, ROLLBACK and ABORTED. Free of Flink: the operator supplies the key's state.
 */
public final class EntityEvents implements Serializable {
    private static final long serialVersionUID = 1L;
    /** In the root's record: the attempt has been rolled back and waits for its RESTART. */
    private static final String ABORTED_MARK = "$aborted";
    private final EntityInvoker invoker;
    private final MethodTraits traits;
    private final int maxAttempts;

    public EntityEvents(EntityInvoker invoker, MethodTraits traits, int maxAttempts) {
        this.invoker = invoker;
        this.traits = traits;
        this.maxAttempts = maxAttempts;
    }

    /** Handles {@code envelope} at {@code self}; everything it sends goes to {@code emit}, in order. */
    public void handle(Envelope envelope, EntityRef self, EntityKeyState state, Consumer<Envelope> emit) throws Exception {
        switch (envelope.kind()) {
            case COMMIT -> end(envelope.txn(), false, self, state, emit);
            case ROLLBACK -> end(envelope.txn(), true, self, state, emit);
            case ABORTED -> aborted(envelope, self, state, emit);
            case RESTART -> restart(envelope, self, state, emit);
            default -> admit(envelope, self, state, emit);
        }
    }

    private void admit(Envelope envelope, EntityRef self, EntityKeyState state, Consumer<Envelope> emit) throws Exception {
        if (envelope.txn() == null && envelope.kind() == Envelope.Kind.CALL
                && traits.isTransactional(self.type(), envelope.method())) {
            envelope = begin(envelope, self, state);
        }
        EntityLock stored = state.lock();
        EntityLock lock = stored == null ? new EntityLock() : stored;
        Txn txn = envelope.txn();
        EntityLock.Admission admission = txn == null ? lock.admitPlain()
                : lock.admitTransactional(txn, readsOnly(envelope, self));
        switch (admission) {
            case WAIT -> lock.enqueue(envelope);
            case DIE -> {
                emit.accept(Envelope.protocol(Envelope.Kind.ABORTED, txn.root(), txn,
                        "conflict at " + self + " with " + (lock.exclusive() != null ? lock.exclusive() : lock.shared())));
                if (txn.attempt() + 1 < maxAttempts) {
                    // the retry waits for this lock, in line: retrying at once would only lose again
                    lock.enqueue(Envelope.protocol(Envelope.Kind.RESTART, txn.root(), txn, self));
                }
            }
            case RUN_FIRST_WRITE -> {
                lock.recordUndo(state.entity() == null ? null : EntityStateSerializer.INSTANCE.toBytes(state.entity()));
                run(envelope, self, state, emit);
            }
            case RUN -> run(envelope, self, state, emit);
        }
        if (stored != null || !lock.isIdle()) {
            // a plain call to an entity no transaction holds leaves no lock to write: the changelog backend would
            // log the clearing of an absent lock, two state changes for every such call
            state.updateLock(lock);
        }
    }

    /** The transaction's identity: the root's clock when it first began (its age) and a unique id. */
    private static Envelope begin(Envelope call, EntityRef self, EntityKeyState state) throws Exception {
        Txn txn = new Txn(System.currentTimeMillis(), UniqueIds.next(), 0, self, call.stack().size(), List.of());
        TransactionStats.begun();
        Envelope transactional = call.withTxn(txn);
        // a copy: running the method may change its argument array and lists in place; a retry needs the originals
        state.putTransactionRoot(txn.id(), EnvelopeCodec.copy(transactional));
        return transactional;
    }

    private boolean readsOnly(Envelope envelope, EntityRef self) {
        return switch (envelope.kind()) {
            case CALL -> traits.isReadOnly(self.type(), envelope.method());
            case RETURN -> traits.isReadOnly(self.type(), envelope.stack().get(0).method());
            default -> false;
        };
    }

    private void run(Envelope envelope, EntityRef self, EntityKeyState state, Consumer<Envelope> emit) throws Exception {
        SplitEntity before = state.entity();
        long slotsBefore = before == null ? -1 : before.$suspended().nextSlot();
        Invocation invocation;
        try {
            invocation = invoker.handle(envelope, self, before);
        } catch (Exception | Error escaped) {
            if (before != null) {
                // it may be half changed and is not written back: snapshots serialise it as it is, not its stored form
                before.$storedForm(null);
            }
            throw escaped;
        }
        if (invocation.entity() != null && (invocation.created() || !unchangedByReadOnlyCall(envelope, self, invocation, slotsBefore))) {
            state.updateEntity(invocation.entity()); // backends that copy (RocksDB) need the mutated object back
        }
        Txn txn = envelope.txn() == null ? null : envelope.txn().reaching(self);
        for (Envelope next : invocation.outputs()) {
            if (txn == null) {
                emit.accept(next);
            } else if (endsAtRoot(next, txn, self)) {
                boolean failed = next.value() instanceof RemoteFailure;
                Envelope.Kind outcome = failed ? Envelope.Kind.ROLLBACK : Envelope.Kind.COMMIT;
                TransactionStats.ended(!failed);
                for (EntityRef participant : txn.participants()) {
                    emit.accept(Envelope.protocol(outcome, participant, txn, null));
                }
                state.removeTransactionRoot(txn.id());
                emit.accept(next.withTxn(null)); // the caller goes on outside the transaction
            } else {
                emit.accept(next.withTxn(txn));
            }
        }
    }

    /**
     * A call of a {@code @ReadOnly} method that ran to its end without suspending: neither the fields changed
     * (the analysis rejects a read-only method that writes any object state holds, however reached: EF109) nor
     * the suspended frames, so writing the entity back would only cost a serialisation into the changelog —
     * half of a read/write mix.
     */
    private boolean unchangedByReadOnlyCall(Envelope envelope, EntityRef self, Invocation invocation, long slotsBefore) {
        return envelope.kind() == Envelope.Kind.CALL && traits.isReadOnly(self.type(), envelope.method())
                && invocation.entity().$suspended().nextSlot() == slotsBefore;
    }

    /** The root method's return: a RETURN from the root leaving the stack as deep as it was at the begin. */
    private static boolean endsAtRoot(Envelope next, Txn txn, EntityRef self) {
        return next.kind() == Envelope.Kind.RETURN && txn.root().equals(self) && next.stack().size() == txn.rootDepth();
    }

    /** COMMIT or ROLLBACK at a participant: undo if rolling back, release, and admit the waiting envelopes. */
    private void end(Txn txn, boolean rollback, EntityRef self, EntityKeyState state, Consumer<Envelope> emit) throws Exception {
        EntityLock lock = state.lock();
        if (lock == null) {
            dropSuspended(txn, state);
            return; // a stale message: this attempt holds nothing here
        }
        if (rollback && lock.heldExclusivelyBy(txn)) {
            if (lock.absentBefore()) {
                state.clearEntity();
            } else {
                state.updateEntity(EntityStateSerializer.INSTANCE.fromBytes(lock.undo()));
            }
        }
        dropSuspended(txn, state);
        lock.release(txn);
        state.updateLock(lock);
        // first the envelopes of transactions that hold locks elsewhere (and plain ones): each is re-checked
        for (Envelope waiting : lock.takeWaiting()) {
            if (waiting.kind() == Envelope.Kind.RESTART) {
                lock.enqueue(waiting); // a queue stored before tickets had a line of their own: they join it now
                continue;
            }
            lock = admitAgain(waiting, lock, self, state, emit);
        }
        // then, while the lock is free, the line of those holding nothing: the first one takes it
        Envelope entrant;
        while (!lock.isHeld() && (entrant = lock.nextEntrant()) != null) {
            if (entrant.kind() == Envelope.Kind.RESTART) {
                // its turn: the lock is the next attempt's before it starts; its root starts it now
                lock.reserve(entrant.txn().retry());
                lock.recordUndo(state.entity() == null ? null : EntityStateSerializer.INSTANCE.toBytes(state.entity()));
                emit.accept(entrant);
            } else {
                lock = admitAgain(entrant, lock, self, state, emit); // a free lock admits a transaction holding nothing
            }
        }
        state.updateLock(lock);
    }

    /** Admits a queued envelope again under {@code lock}; returns the lock as admitting left it. */
    private EntityLock admitAgain(Envelope queued, EntityLock lock, EntityRef self, EntityKeyState state,
                                  Consumer<Envelope> emit) throws Exception {
        state.updateLock(lock);
        admit(queued, self, state, emit);
        return state.lock() == null ? new EntityLock() : state.lock();
    }

    /** The attempt's invocations still suspended here (it lost a conflict elsewhere) will never get their results. */
    private static void dropSuspended(Txn txn, EntityKeyState state) throws Exception {
        SplitEntity entity = state.entity();
        if (entity != null && entity.$suspended().dropTransaction(EntityInvoker.transactionTag(txn))) {
            state.updateEntity(entity); // only when a frame went: every commit ends here, and writes cost a serialisation
        }
    }

    /**
     * At the root: an attempt lost a conflict. Its participants roll back at once (it must not hold locks
     * while it waits); the retry starts when the entity where it lost has changed hands (RESTART), which may
     * already have happened.
     */
    private void aborted(Envelope notice, EntityRef self, EntityKeyState state, Consumer<Envelope> emit) throws Exception {
        Txn txn = notice.txn();
        Envelope request = state.transactionRoot(txn.id());
        if (request == null || request.txn().attempt() != txn.attempt() || ABORTED_MARK.equals(request.value())) {
            return; // already handled
        }
        TransactionStats.conflictAbort();
        for (EntityRef participant : txn.participants()) {
            emit.accept(Envelope.protocol(Envelope.Kind.ROLLBACK, participant, txn, null));
        }
        if (txn.attempt() + 1 >= maxAttempts) {
            TransactionStats.givenUp();
            state.removeTransactionRoot(txn.id());
            emit.accept(Envelope.result(request.requestId(), self, new RemoteFailure(TransactionAbortedException.class.getName(),
                    "transaction aborted after " + maxAttempts + " attempts; last: " + notice.value()), request.stack()));
            return;
        }
        if (request.value() instanceof EntityRef reservedAt) {
            retry(request, txn.retry().reaching(reservedAt), state, emit);
        } else {
            state.putTransactionRoot(txn.id(), marked(request, ABORTED_MARK));
        }
    }

    /** At the root: the entity where the attempt lost now holds its lock for the next attempt. */
    private void restart(Envelope ticket, EntityRef self, EntityKeyState state, Consumer<Envelope> emit) throws Exception {
        Txn txn = ticket.txn();
        Envelope request = state.transactionRoot(txn.id());
        Txn next = txn.retry().reaching((EntityRef) ticket.value()); // it holds the reserved lock already
        if (request == null || request.txn().attempt() != txn.attempt()) {
            // nobody will use the reservation (cannot happen while roots and tickets agree): free it
            emit.accept(Envelope.protocol(Envelope.Kind.ROLLBACK, (EntityRef) ticket.value(), next, null));
            return;
        }
        if (ABORTED_MARK.equals(request.value())) {
            retry(request, next, state, emit);
        } else {
            // the ABORTED is still on its way; the reserved lock goes with the retry then
            state.putTransactionRoot(txn.id(), marked(request, ticket.value()));
        }
    }

    private static void retry(Envelope request, Txn next, EntityKeyState state, Consumer<Envelope> emit) throws Exception {
        Envelope retry = marked(request, null).withTxn(next);
        state.putTransactionRoot(next.id(), EnvelopeCodec.copy(retry));
        emit.accept(retry); // through the loop: it waits here until this attempt's rollback has released the root
    }

    /**
     * The root's record of a transaction keeps, in its otherwise unused value, where the attempt stands:
     * null while it runs, {@link #ABORTED_MARK} once rolled back and waiting for its RESTART, or the entity
     * holding the next attempt's reserved lock when the RESTART came before the ABORTED.
     */
    private static Envelope marked(Envelope request, Object mark) {
        return new Envelope(request.requestId(), request.kind(), request.target(), request.method(), request.args(), mark,
                request.stack(), request.txn());
    }
}
