package io.entityflow.flink.txn;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Txn;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.entityflow.flink.txn.EntityLock.Admission.DIE;
import static io.entityflow.flink.txn.EntityLock.Admission.RUN;
import static io.entityflow.flink.txn.EntityLock.Admission.RUN_FIRST_WRITE;
import static io.entityflow.flink.txn.EntityLock.Admission.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

class EntityLockTest {
    private static final EntityRef ROOT = new EntityRef("T", "root");
    private static final EntityRef OTHER = new EntityRef("T", "other");

    /** A transaction of age {@code ts} that already holds a lock elsewhere (so wait-die applies to it). */
    private static Txn holding(long ts) {
        return new Txn(ts, "t" + ts, 0, ROOT, 0, List.of(OTHER));
    }

    @Test
    void olderWaitsYoungerDies() {
        EntityLock lock = new EntityLock();
        assertThat(lock.admitTransactional(holding(5), false)).isEqualTo(RUN_FIRST_WRITE);
        assertThat(lock.admitTransactional(holding(5), false)).as("re-entry").isEqualTo(RUN);
        assertThat(lock.admitTransactional(holding(3), false)).as("older than the holder").isEqualTo(WAIT);
        assertThat(lock.admitTransactional(holding(7), false)).as("younger than the holder").isEqualTo(DIE);
        assertThat(lock.admitTransactional(holding(7), true)).as("a reader conflicts with a writer too").isEqualTo(DIE);
    }

    @Test
    void aTransactionHoldingNothingMayAlwaysWait() {
        EntityLock lock = new EntityLock();
        lock.admitTransactional(holding(5), false);
        Txn fresh = new Txn(9, "t9", 0, ROOT, 0, List.of());
        assertThat(lock.admitTransactional(fresh, false)).isEqualTo(WAIT);
    }

    @Test
    void readersShareAndAnUpgradeWaitsOrDiesByAge() {
        EntityLock lock = new EntityLock();
        assertThat(lock.admitTransactional(holding(5), true)).isEqualTo(RUN);
        assertThat(lock.admitTransactional(holding(8), true)).isEqualTo(RUN);
        assertThat(lock.admitTransactional(holding(8), false)).as("upgrade, an older reader holds it").isEqualTo(DIE);
        assertThat(lock.admitTransactional(holding(5), false)).as("upgrade, a younger reader holds it").isEqualTo(WAIT);
        lock.release(holding(8));
        assertThat(lock.admitTransactional(holding(5), false)).as("sole reader upgrades").isEqualTo(RUN_FIRST_WRITE);
    }

    @Test
    void aRetryWaitsForItsOwnEarlierAttemptAndPlainEnvelopesQueueBehindLocks() {
        EntityLock lock = new EntityLock();
        Txn first = holding(5);
        lock.admitTransactional(first, false);
        Txn retry = new Txn(5, "t5", 1, ROOT, 0, List.of(OTHER));
        assertThat(lock.admitTransactional(retry, false)).isEqualTo(WAIT);
        assertThat(lock.admitPlain()).isEqualTo(WAIT);
        lock.enqueue(Envelope.call("plain", OTHER, "m", new Object[0], List.of()));
        assertThat(lock.release(first)).isTrue();
        assertThat(lock.admitPlain()).as("still behind the queued envelope").isEqualTo(WAIT);
        assertThat(lock.takeWaiting()).hasSize(1);
        assertThat(lock.isIdle()).isTrue();
        assertThat(lock.admitPlain()).isEqualTo(RUN);
    }

    @Test
    void theQueueIsStoredApartAndOnlyItsChangesAreWritten() throws Exception {
        EntityLock lock = new EntityLock();
        lock.admitTransactional(holding(5), false);
        byte[] holdersAlone = bytes(lock);
        for (int i = 0; i < 100; i++) {
            lock.enqueue(Envelope.call("w" + i, OTHER, "m", new Object[0], List.of()));
        }
        assertThat(bytes(lock)).as("a hot lock costs the same to write whatever its queue").isEqualTo(holdersAlone);

        EntityLock stored = lock.withStoredQueues(lock.waiting(), List.of());
        assertThat(stored.waitingAdded()).isEmpty();
        stored.enqueue(Envelope.call("late", OTHER, "m", new Object[0], List.of()));
        assertThat(stored.waitingReplaced()).isFalse();
        assertThat(stored.waitingAdded()).extracting(Envelope::requestId).containsExactly("late");
        stored.takeWaiting();
        assertThat(stored.waitingReplaced()).as("a release takes the queue out: what changed is worked out then").isTrue();
        stored.waitingStored();
        assertThat(stored.waitingReplaced()).isFalse();
        assertThat(stored.waitingAdded()).isEmpty();
    }

    private static Envelope waiter(String id) {
        return Envelope.call(id, OTHER, "m", new Object[0], List.of());
    }

    /** A lock as the key state restores it: holders with the stored queue (the first {@code skipped} left it). */
    private static EntityLock restored(List<Envelope> storedQueue, int skipped) {
        EntityLock holders = new EntityLock(null, List.of(), null, false, skipped, 0);
        return holders.withStoredQueues(storedQueue, List.of());
    }

    @Test
    void aReleaseThatAdmitsTheFirstInLineMovesASkipCountInsteadOfRewritingTheQueue() {
        List<Envelope> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            stored.add(waiter("w" + i));
        }
        EntityLock lock = restored(stored, 0);
        List<Envelope> taken = lock.takeWaiting();
        taken.subList(2, taken.size()).forEach(lock::enqueue); // the first two ran, the rest wait again in order
        EntityLock.QueueChange change = lock.queueChange();
        assertThat(change.rewrite()).isFalse();
        assertThat(change.appended()).isEmpty();
        assertThat(lock.storedSkipped()).isEqualTo(2);
        lock.waitingStored();

        EntityLock again = restored(stored, lock.storedSkipped());
        assertThat(again.waiting()).extracting(Envelope::requestId).first().isEqualTo("w2");
        assertThat(again.waiting()).hasSize(198);
    }

    @Test
    void aReleaseThatTakesOneFromTheMiddleRewritesTheQueue() {
        List<Envelope> stored = List.of(waiter("gone"), waiter("a"), waiter("b"), waiter("c"));
        EntityLock lock = restored(stored, 1);
        assertThat(lock.waiting()).extracting(Envelope::requestId).containsExactly("a", "b", "c");
        List<Envelope> taken = lock.takeWaiting();
        lock.enqueue(taken.get(0)); // b died, a and c wait on
        lock.enqueue(taken.get(2));
        EntityLock.QueueChange change = lock.queueChange();
        assertThat(change.rewrite()).isTrue();
        assertThat(change.appended()).extracting(Envelope::requestId).containsExactly("a", "c");
        assertThat(lock.storedSkipped()).isZero();
    }

    @Test
    void envelopesQueuedSinceTheQueueWasStoredAreAppendedAfterARelease() {
        EntityLock lock = restored(List.of(waiter("a"), waiter("b")), 0);
        lock.enqueue(waiter("new"));
        List<Envelope> taken = lock.takeWaiting();
        taken.subList(1, taken.size()).forEach(lock::enqueue); // a ran
        EntityLock.QueueChange change = lock.queueChange();
        assertThat(change.rewrite()).isFalse();
        assertThat(change.appended()).extracting(Envelope::requestId).containsExactly("new");
        assertThat(lock.storedSkipped()).isEqualTo(1);
    }

    /** The key state's list as the heap backend hands it out, counting every read of an element. */
    private static final class CountingQueue extends java.util.AbstractList<Envelope> implements java.util.RandomAccess {
        private final List<Envelope> elements = new java.util.ArrayList<>();
        int reads;

        @Override
        public Envelope get(int index) {
            reads++;
            return elements.get(index);
        }

        @Override
        public int size() {
            return elements.size();
        }

        @Override
        public boolean add(Envelope envelope) {
            return elements.add(envelope);
        }
    }

    @Test
    void anEnvelopeJoiningAHotQueueReadsNoneOfIt() {
        CountingQueue stored = new CountingQueue();
        for (int i = 0; i < 5_000; i++) {
            stored.add(waiter("w" + i));
        }
        EntityLock lock = new EntityLock(holding(5), List.of(), null, false, 3, 0).withStoredQueues(stored, List.of());
        assertThat(lock.admitTransactional(holding(3), false)).isEqualTo(WAIT);
        lock.enqueue(waiter("late"));
        assertThat(lock.admitPlain()).isEqualTo(WAIT);
        EntityLock.QueueChange change = lock.queueChange();
        assertThat(stored.reads).as("the lock is read where the key state keeps its queue, not copied").isZero();
        assertThat(change.rewrite()).isFalse();
        assertThat(change.appended()).extracting(Envelope::requestId).containsExactly("late");

        // the key state appends in place; the lock it read still sees its own queue, and so does the next read
        change.appended().forEach(stored::add);
        lock.waitingStored();
        assertThat(lock.waiting()).hasSize(4_998).last().extracting(Envelope::requestId).isEqualTo("late");
        EntityLock next = lock.withStoredQueues(stored, List.of());
        assertThat(next.waiting()).extracting(Envelope::requestId).startsWith("w3", "w4").endsWith("w4999", "late");
        assertThat(next.takeWaiting()).hasSize(4_998);
    }

    private static Envelope ticket(long ts) {
        return Envelope.protocol(Envelope.Kind.RESTART, ROOT, holding(ts), OTHER);
    }

    @Test
    void envelopesHoldingNothingWaitInALineServedFromItsHeadAndTheRestAreReadmitted() {
        EntityLock lock = new EntityLock();
        lock.admitTransactional(holding(5), false);
        Envelope holdsLocks = Envelope.call("holds", OTHER, "m", new Object[0], List.of()).withTxn(holding(3));
        Envelope first = Envelope.call("first", OTHER, "m", new Object[0], List.of())
                .withTxn(new Txn(9, "t9", 0, ROOT, 0, List.of()));
        Envelope plain = waiter("plain");
        lock.enqueue(ticket(7));
        lock.enqueue(first);
        lock.enqueue(holdsLocks);
        lock.enqueue(plain);
        assertThat(lock.waiting()).as("for a view: the ones to re-admit, then the line")
                .extracting(Envelope::requestId).containsExactly("holds", "plain", "t7", "first");
        lock.release(holding(5));
        assertThat(lock.takeWaiting()).containsExactly(holdsLocks, plain);
        assertThat(lock.admitPlain()).as("the line waits only for a held lock").isEqualTo(RUN);
        assertThat(lock.nextEntrant().kind()).isEqualTo(Envelope.Kind.RESTART);
        assertThat(lock.nextEntrant()).isSameAs(first);
        assertThat(lock.nextEntrant()).isNull();
        assertThat(lock.isIdle()).isTrue();
    }

    @Test
    void servingTheHeadOfAStoredLineOfThousandsReadsOneAndMovesASkipCount() {
        CountingQueue line = new CountingQueue();
        for (int i = 0; i < 5_000; i++) {
            line.add(ticket(100 + i));
        }
        EntityLock lock = new EntityLock(null, List.of(), null, false, 0, 10).withStoredQueues(List.of(), line);
        assertThat(lock.nextEntrant().txn().ts()).isEqualTo(110);
        lock.enqueue(ticket(50_000));
        assertThat(lock.queueChange().appended()).isEmpty();
        EntityLock.QueueChange change = lock.entrantsChange();
        assertThat(line.reads).isEqualTo(1);
        assertThat(change.rewrite()).isFalse();
        assertThat(change.appended()).extracting(e -> e.txn().ts()).containsExactly(50_000L);
        assertThat(lock.entrantsSkipped()).isEqualTo(11);

        change.appended().forEach(line::add);
        lock.waitingStored();
        EntityLock next = lock.withStoredQueues(List.of(), line);
        assertThat(next.nextEntrant().txn().ts()).isEqualTo(111);
        assertThat(next.waiting()).hasSize(4_989).last().extracting(e -> e.txn().ts()).isEqualTo(50_000L);
    }

    @Test
    void theHoldersSayWhichQueuesTheKeyStateHoldsSoThatMostLocksReadAndClearNoList() throws Exception {
        EntityLock lock = new EntityLock();
        lock.admitTransactional(holding(5), false);
        lock.queueChange();
        lock.entrantsChange();
        EntityLock read = io.entityflow.flink.serial.EntityLockSerializer.INSTANCE.deserialize(
                new org.apache.flink.core.memory.DataInputDeserializer(bytes(lock)));
        assertThat(read.storedSkipped()).as("no queue stored").isEqualTo(-1);
        assertThat(read.entrantsSkipped()).isEqualTo(-1);

        read.enqueue(ticket(9));
        assertThat(read.entrantsChange().appended()).hasSize(1);
        assertThat(read.entrantsSkipped()).as("a line is stored now").isZero();
        assertThat(read.storedSkipped()).isEqualTo(-1);
        read.waitingStored();
        read.nextEntrant();
        EntityLock.QueueChange emptied = read.entrantsChange();
        assertThat(read.entrantsSkipped()).as("one served from a line of one: kept with a skip count").isOne();
        assertThat(emptied.rewrite()).isFalse();
    }

    @Test
    void aLineWhoseServedEntriesOutnumberTheRestIsCompacted() {
        List<Envelope> line = new java.util.ArrayList<>();
        for (int i = 0; i < StoredQueue.COMPACT_AFTER + 2; i++) {
            line.add(ticket(i));
        }
        EntityLock lock = new EntityLock(null, List.of(), null, false, 0, StoredQueue.COMPACT_AFTER)
                .withStoredQueues(List.of(), line);
        lock.nextEntrant();
        EntityLock.QueueChange change = lock.entrantsChange();
        assertThat(change.rewrite()).isTrue();
        assertThat(change.appended()).extracting(e -> e.txn().ts()).containsExactly((long) StoredQueue.COMPACT_AFTER + 1);
        assertThat(lock.entrantsSkipped()).isZero();
    }

    @Test
    void aQueueIsCompactedOnceWhatItLeftBehindOutnumbersWhatStillWaits() {
        List<Envelope> stored = new java.util.ArrayList<>();
        for (int i = 0; i < StoredQueue.COMPACT_AFTER + 10; i++) {
            stored.add(waiter("w" + i));
        }
        EntityLock lock = restored(stored, StoredQueue.COMPACT_AFTER - 1);
        List<Envelope> taken = lock.takeWaiting();
        taken.subList(1, taken.size()).forEach(lock::enqueue);
        EntityLock.QueueChange change = lock.queueChange();
        assertThat(change.rewrite()).as("%d left behind, %d waiting", StoredQueue.COMPACT_AFTER, 10).isTrue();
        assertThat(change.appended()).hasSize(10);
        assertThat(lock.storedSkipped()).isZero();
    }

    @Test
    void theSkipCountSurvivesTheLockFormatAndOlderFormatsReadAsNone() throws Exception {
        EntityLock lock = new EntityLock(null, List.of(), null, false, 7, 4);
        lock.admitTransactional(holding(5), false);
        byte[] written = bytes(lock);
        EntityLock read = io.entityflow.flink.serial.EntityLockSerializer.INSTANCE.deserialize(
                new org.apache.flink.core.memory.DataInputDeserializer(written));
        assertThat(read.storedSkipped()).isEqualTo(7);
        assertThat(read.entrantsSkipped()).isEqualTo(4);
        assertThat(read.exclusive()).isEqualTo(lock.exclusive());
    }

    private static byte[] bytes(EntityLock lock) throws Exception {
        org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(64);
        io.entityflow.flink.serial.EntityLockSerializer.INSTANCE.serialize(lock, out);
        return out.getCopyOfBuffer();
    }
}
