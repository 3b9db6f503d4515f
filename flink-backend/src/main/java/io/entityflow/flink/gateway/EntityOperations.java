package io.entityflow.flink.gateway;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.api.gateway.EntityFailureException;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * Sends validated creates, calls and state reads to the entity job and turns its answers into values or
 * {@link GatewayError}s. Shared by the HTTP API and the route SPI, so both answer alike. Answers are
 * completed on the gateway's own executor: the job's response thread only hands them over.
 */
final class EntityOperations {
    private static final Logger LOG = LoggerFactory.getLogger(EntityOperations.class);
    private final EntityTypes types;
    private final InFlightRequests requests;
    private final Duration timeout;
    private final Executor completions;

    EntityOperations(EntityTypes types, RequestSubmitter submitter, Duration timeout, Executor completions) {
        this.types = types;
        this.requests = new InFlightRequests(submitter);
        this.timeout = timeout;
        this.completions = completions;
    }

    /**
     * Runs the constructor here to learn the new entity's key (constructors are pure, so the job's run gives
     * the same entity), then asks the job to create it. Completes with the key.
     */
    CompletableFuture<Object> create(CatalogEntity type, Object[] args, String requestId) {
        EntityRef ref;
        try {
            ref = types.refFor(type.qualifiedName(), args);
        } catch (Throwable constructorThrew) {
            return CompletableFuture.failedFuture(new EntityFailureException(constructorThrew.getClass().getName(),
                    constructorThrew.getMessage()));
        }
        return submit(Envelope.create(requestId, ref, args, List.of())).thenApply(created -> ((EntityRef) created).key());
    }

    CompletableFuture<Object> call(EntityRef target, String method, Object[] args, String requestId) {
        return submit(Envelope.call(requestId, target, method, args, List.of()));
    }

    /** The entity's fields through the dataflow (the runtime's built-in {@code $state}); a read, so a fresh id. */
    CompletableFuture<Object> state(EntityRef target) {
        return call(target, EntityInvoker.STATE, new Object[0], io.entityflow.flink.envelope.RequestIds.generate());
    }

    private CompletableFuture<Object> submit(Envelope request) {
        CompletableFuture<Envelope> response;
        try {
            response = requests.submit(request, timeout);
        } catch (RuntimeException refused) {
            LOG.error("the entity job refused request {}", request.requestId(), refused);
            return CompletableFuture.failedFuture(new GatewayError(503, "unavailable", "the entity job does not accept requests now"));
        }
        return response.handleAsync((answer, failure) -> {
            if (failure != null) {
                throw new CompletionException(translate(request, failure));
            }
            if (answer.value() instanceof RemoteFailure remote) {
                throw new EntityFailureException(remote.exceptionType(), remote.message());
            }
            return answer.value();
        }, completions);
    }

    private GatewayError translate(Envelope request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new GatewayError(504, "timeout", "no answer from the entity job within " + seconds(timeout)
                    + "; the request may still take effect: retry it with the same Idempotency-Key to learn its outcome");
        }
        LOG.error("no answer to request {}", request.requestId(), cause);
        return new GatewayError(500, "internal_error", "the entity job failed to answer; the gateway's log has the details");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
