package io.entityflow.flink.inspect;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.txn.EntityLock;
import io.entityflow.ir.runtime.SplitEntity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keyed state of one entity operator subtask, read on its task thread ({@link LiveSubtask#read}).
 * Valid only inside that callback: the objects are the live ones, so copy what you keep.
 */
public interface LiveEntityState {
    /** Every key with an entity on this subtask, copied (iterating the backend while reading it is not allowed). */
    List<String> keys();

    /** The entity of {@code key}, or null. */
    SplitEntity entity(String key);

    /** The lock of {@code key} with its waiting envelopes, or null when nobody holds it or waits. */
    EntityLock lock(String key);

    /** Responses recorded for idempotency keys whose root method finished at {@code key}. */
    Map<String, Envelope> recordedResponses(String key);

    /** Idempotency keys of requests running with {@code key} as their root. */
    Set<String> runningRequests(String key);

    /** Requests of the transactions {@code key} is the root of, by transaction id. */
    Map<String, Envelope> transactionRoots(String key);
}
