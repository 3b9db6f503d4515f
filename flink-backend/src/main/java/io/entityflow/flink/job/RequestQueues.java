package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The embedded job's ingress and egress inside the JVM: a queue of requests the source reads, and the
 * pending responses the sink completes, both found by the job's id. (Replayable request log and
 * committed-only responses: next step, see the issue note.)
 */
public final class RequestQueues {
    private static final Map<String, RequestQueues> QUEUES = new ConcurrentHashMap<>();
    final BlockingQueue<Envelope> requests = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Envelope>> pending = new ConcurrentHashMap<>();

    public static RequestQueues of(String jobId) {
        return QUEUES.computeIfAbsent(jobId, id -> new RequestQueues());
    }

    public static void release(String jobId) {
        QUEUES.remove(jobId);
    }

    public CompletableFuture<Envelope> submit(Envelope request) {
        CompletableFuture<Envelope> response = new CompletableFuture<>();
        pending.put(request.requestId(), response);
        requests.add(request);
        return response;
    }

    void respond(Envelope response) {
        CompletableFuture<Envelope> waiting = pending.remove(response.requestId());
        if (waiting != null) {
            waiting.complete(response);
        }
    }
}
