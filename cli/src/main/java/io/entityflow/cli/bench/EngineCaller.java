package io.entityflow.cli.bench;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.flink.gateway.RequestSubmitter;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Calls straight into the engine's request queue: what the engine itself sustains, without HTTP. */
final class EngineCaller implements Caller {
    private final RequestSubmitter submitter;
    private final EntityTypes types;
    /**
     * Request ids are generated (never recorded for retries) and made from a counter: a random UUID per
     * request would put SecureRandom on the load generator's hot path.
     */
    private final String idPrefix = RequestIds.GENERATED_PREFIX + "bench-" + UUID.randomUUID() + "-";
    private final AtomicLong sequence = new AtomicLong();

    EngineCaller(RequestSubmitter submitter, ClassLoader program) {
        this.submitter = submitter;
        this.types = new EntityTypes(program);
    }

    @Override
    public CompletableFuture<Object> create(String type, Object... args) {
        EntityRef ref;
        try {
            ref = types.refFor(type, args);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(new FailedOperation("the constructor of " + type + " threw " + t, t));
        }
        return answer(submitter.submit(Envelope.create(nextId(), ref, args, List.of())));
    }

    @Override
    public CompletableFuture<Object> call(EntityRef target, String method, Object... args) {
        return answer(submitter.submit(Envelope.call(nextId(), target, method, args, List.of())));
    }

    private String nextId() {
        return idPrefix + sequence.incrementAndGet();
    }

    private static CompletableFuture<Object> answer(CompletableFuture<Envelope> response) {
        return response.thenApply(envelope -> {
            if (envelope.value() instanceof RemoteFailure failure) {
                throw new FailedOperation(failure.exceptionType() + ": " + failure.message(), null, true);
            }
            return envelope.value();
        });
    }
}
