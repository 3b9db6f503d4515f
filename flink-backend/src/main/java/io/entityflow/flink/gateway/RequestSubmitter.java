package io.entityflow.flink.gateway;

import io.entityflow.flink.envelope.Envelope;

import java.util.concurrent.CompletableFuture;

/**
 * Hands a request envelope (a CALL or CREATE without callers) to the entity job; the future completes
 * with the RETURN envelope answering it. In the embedded job: {@code RequestQueues.of(jobId)::submit}.
 */
@FunctionalInterface
public interface RequestSubmitter {
    CompletableFuture<Envelope> submit(Envelope request);
}
