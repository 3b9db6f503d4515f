package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.runtime.TransactionAdmission;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded job's ingress and egress inside the JVM, found by the job's id: the request log the source
 * reads ({@link RequestPartitions}), and the clients waiting for responses. A request id already waiting shares the
 * first submission's response instead of entering the log again (a client retrying while its request
 * is still running).
 */
public final class RequestQueues {
    private static final Map<String, RequestQueues> QUEUES = new ConcurrentHashMap<>();
    private final RequestPartitions partitions = new RequestPartitions();
    private final Map<String, CompletableFuture<Envelope>> pending = new ConcurrentHashMap<>();
    private volatile Runnable responsesWaiting = () -> { };
    /**
     * Hands over the answers the response sinks release ({@link #respondSoon}): they run chained to the entity
     * operators, and completing a client's future runs whatever the client chained to it, which must not run on an
     * entity task. What a client chains to its future must not block: every answer of the job waits behind it.
     */
    private final AnswerHandOver answering = new AnswerHandOver(this::respond);

    public static RequestQueues of(String jobId) {
        return QUEUES.computeIfAbsent(jobId, id -> new RequestQueues());
    }

    public static void release(String jobId) {
        QUEUES.remove(jobId);
        TransactionAdmission.release(jobId);
    }

    RequestPartitions partitions() {
        return partitions;
    }

    /** Appends to the log without waiting for a response (a test's duplicate delivery). */
    void appendToLog(Envelope request) {
        partitions.append(request);
    }

    public CompletableFuture<Envelope> submit(Envelope request) {
        CompletableFuture<Envelope> created = new CompletableFuture<>();
        CompletableFuture<Envelope> waiting = pending.putIfAbsent(request.requestId(), created);
        if (waiting != null) {
            return waiting;
        }
        partitions.append(request);
        return created;
    }

    /** Requests submitted whose responses have not been released yet. */
    public int inFlight() {
        return pending.size();
    }

    /**
     * Called (from a sink's task thread, at most once per sink subtask and checkpoint) when a response starts
     * waiting for a checkpoint to complete: the engine asks for a checkpoint then instead of leaving the response
     * to wait out the periodic interval. Must not block.
     */
    public void whenResponsesWait(Runnable action) {
        responsesWaiting = action;
    }

    void responsesWaiting() {
        responsesWaiting.run();
    }

    /** Releases a response from another thread than the caller's (an entity task's). */
    void respondSoon(Envelope response) {
        answering.handOver(response);
    }

    /** Releases responses from another thread than the caller's, in one hand-over. */
    void respondSoon(List<Envelope> responses) {
        answering.handOver(responses);
    }

    void respond(Envelope response) {
        CompletableFuture<Envelope> waiting = pending.remove(response.requestId());
        if (waiting != null) {
            waiting.complete(response);
        }
    }
}
