package io.entityflow.flink.txn;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.SplitEntity;

/**
 * The state kept for one entity key: the entity, its lock, and the transactions it is the root of
 * (the request each began with, to retry it after an abort). Flink keyed state in the job; maps in tests.
 */
public interface EntityKeyState {
    SplitEntity entity() throws Exception;

    void updateEntity(SplitEntity entity) throws Exception;

    void clearEntity() throws Exception;

    /** The lock, or null when nobody holds it or waits for it. */
    EntityLock lock() throws Exception;

    /** Stores the lock; an idle one is dropped. */
    void updateLock(EntityLock lock) throws Exception;

    Envelope transactionRoot(String txnId) throws Exception;

    void putTransactionRoot(String txnId, Envelope request) throws Exception;

    void removeTransactionRoot(String txnId) throws Exception;
}
