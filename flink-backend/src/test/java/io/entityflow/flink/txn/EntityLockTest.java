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

        EntityLock stored = lock.withStoredWaiting(lock.waiting());
        assertThat(stored.waitingAdded()).isEmpty();
        stored.enqueue(Envelope.call("late", OTHER, "m", new Object[0], List.of()));
        assertThat(stored.waitingReplaced()).isFalse();
        assertThat(stored.waitingAdded()).extracting(Envelope::requestId).containsExactly("late");
        stored.takeWaiting();
        assertThat(stored.waitingReplaced()).as("a release takes the queue out: it is written whole").isTrue();
        stored.waitingStored();
        assertThat(stored.waitingReplaced()).isFalse();
        assertThat(stored.waitingAdded()).isEmpty();
    }

    private static byte[] bytes(EntityLock lock) throws Exception {
        org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(64);
        io.entityflow.flink.serial.EntityLockSerializer.INSTANCE.serialize(lock, out);
        return out.getCopyOfBuffer();
    }
}
