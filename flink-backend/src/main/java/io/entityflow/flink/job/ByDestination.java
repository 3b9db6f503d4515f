package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * An envelope's key: its destination entity ({@link Envelope#destinationKey()}), by which the request log is
 * partitioned and every keyed edge of an entity job runs. A class, not a lambda: a lambda's serialised form
 * breaks savepoint compatibility more easily.
 */
final class ByDestination implements KeySelector<Envelope, String> {
    static final ByDestination INSTANCE = new ByDestination();
    private static final long serialVersionUID = 1L;

    private ByDestination() {
    }

    @Override
    public String getKey(Envelope envelope) {
        return envelope.destinationKey();
    }
}
