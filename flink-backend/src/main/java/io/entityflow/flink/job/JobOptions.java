package io.entityflow.flink.job;

import io.entityflow.flink.loop.LoopOptions;

import java.io.Serializable;
import java.time.Duration;

/**
 * How an entity job runs: its id in the JVM (names its request log and loop channels), whether responses
 * wait for the checkpoint holding their effects ({@code committedResponses}, the default) or leave at once,
 * how long results of requests with an idempotency key are kept for retries, the loop's settings, and how
 * often a transaction that loses conflicts is retried before the client is told it aborted; with
 * {@code kafka}, requests and responses travel Kafka topics (a job on a cluster), else this JVM's request log.
 */
public record JobOptions(String jobId, boolean committedResponses, Duration idempotencyRetention, LoopOptions loop,
                         int maxTransactionAttempts, KafkaEdges.Topics kafka) implements Serializable {

    public static JobOptions defaults(String jobId) {
        return new JobOptions(jobId, true, Duration.ofMinutes(10), LoopOptions.defaults(jobId), 100, null);
    }

    /** Requests from and responses to Kafka (a job on a cluster) instead of this JVM's request log. */
    public JobOptions withKafka(KafkaEdges.Topics topics) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, maxTransactionAttempts, topics);
    }

    public JobOptions withCommittedResponses(boolean committed) {
        return new JobOptions(jobId, committed, idempotencyRetention, loop, maxTransactionAttempts, kafka);
    }

    public JobOptions withLoop(LoopOptions loopOptions) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loopOptions, maxTransactionAttempts, kafka);
    }

    public JobOptions withMaxTransactionAttempts(int attempts) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, attempts, kafka);
    }
}
