package io.entityflow.flink.job;

import io.entityflow.flink.loop.LoopOptions;

import java.io.Serializable;
import java.time.Duration;

/**
 * How an entity job runs: its id in the JVM (names its request log and loop channels), whether responses
 * wait for the checkpoint holding their effects ({@code committedResponses}, the default) or leave at once,
 * how long results of requests with an idempotency key are kept for retries, the loop's settings, and how
 * often a transaction that loses conflicts is retried before the client is told it aborted; with
 * {@code kafka}, requests and responses travel Kafka topics (a job on a cluster), else this JVM's request log;
 * {@code checkpointsAt} (with Kafka): Flink's REST URL, where a waiting response asks for a checkpoint, or null.
 */
public record JobOptions(String jobId, boolean committedResponses, Duration idempotencyRetention, LoopOptions loop,
                         int maxTransactionAttempts, KafkaEdges.Topics kafka, String checkpointsAt) implements Serializable {

    public static JobOptions defaults(String jobId) {
        return new JobOptions(jobId, true, Duration.ofMinutes(10), LoopOptions.defaults(jobId), 100, null, null);
    }

    /** Requests from and responses to Kafka (a job on a cluster) instead of this JVM's request log. */
    public JobOptions withKafka(KafkaEdges.Topics topics) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, maxTransactionAttempts, topics, checkpointsAt);
    }

    public JobOptions withCommittedResponses(boolean committed) {
        return new JobOptions(jobId, committed, idempotencyRetention, loop, maxTransactionAttempts, kafka, checkpointsAt);
    }

    public JobOptions withLoop(LoopOptions loopOptions) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loopOptions, maxTransactionAttempts, kafka, checkpointsAt);
    }

    public JobOptions withMaxTransactionAttempts(int attempts) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, attempts, kafka, checkpointsAt);
    }

    /** On a cluster: ask Flink's REST API at this URL for a checkpoint as soon as a response waits for one. */
    public JobOptions withCheckpointsAt(String restUrl) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, maxTransactionAttempts, kafka, restUrl);
    }
}
