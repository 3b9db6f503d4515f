package io.entityflow.flink.job;

import io.entityflow.flink.loop.LoopOptions;
import io.entityflow.flink.runtime.TransactionAdmission;

import java.io.Serializable;
import java.time.Duration;

/**
 * How an entity job runs: its id in the JVM (names its request log and loop channels), whether responses
 * wait for the checkpoint holding their effects ({@code committedResponses}, the default) or leave at once,
 * how long results of requests with an idempotency key are kept for retries, the loop's settings, and how
 * often a transaction that loses conflicts is retried before the client is told it aborted; with
 * {@code kafka}, requests and responses travel Kafka topics (a job on a cluster), else this JVM's request log;
 * {@code checkpointsAt} (with Kafka): Flink's REST URL, where a waiting response asks for a checkpoint, or null;
 * {@code maxActiveTransactions}: with this JVM's request log, how many transactions each loop subtask's roots may
 * have begun and not ended before its request reader pauses ({@link TransactionAdmission}; 0: no limit).
 */
public record JobOptions(String jobId, boolean committedResponses, Duration idempotencyRetention, LoopOptions loop,
                         int maxTransactionAttempts, KafkaEdges.Topics kafka, String checkpointsAt,
                         int maxActiveTransactions) implements Serializable {

    /**
     * Active transactions per loop subtask at most, by default: measured on the checkout workload (docs/benchmarks.md,
     * fourteenth session), uniform and zipfian, two subtasks.
     */
    public static final int DEFAULT_MAX_ACTIVE_TRANSACTIONS = 256;

    public JobOptions {
        if (maxActiveTransactions < 0) {
            throw new IllegalArgumentException("max active transactions must not be negative, got " + maxActiveTransactions);
        }
    }

    public static JobOptions defaults(String jobId) {
        return new JobOptions(jobId, true, Duration.ofMinutes(10), LoopOptions.defaults(jobId), 100, null, null,
                DEFAULT_MAX_ACTIVE_TRANSACTIONS);
    }

    /** Requests from and responses to Kafka (a job on a cluster) instead of this JVM's request log. */
    public JobOptions withKafka(KafkaEdges.Topics topics) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, maxTransactionAttempts, topics, checkpointsAt, maxActiveTransactions);
    }

    public JobOptions withCommittedResponses(boolean committed) {
        return new JobOptions(jobId, committed, idempotencyRetention, loop, maxTransactionAttempts, kafka, checkpointsAt, maxActiveTransactions);
    }

    public JobOptions withLoop(LoopOptions loopOptions) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loopOptions, maxTransactionAttempts, kafka, checkpointsAt,
                maxActiveTransactions);
    }

    public JobOptions withMaxTransactionAttempts(int attempts) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, attempts, kafka, checkpointsAt, maxActiveTransactions);
    }

    /** On a cluster: ask Flink's REST API at this URL for a checkpoint as soon as a response waits for one. */
    public JobOptions withCheckpointsAt(String restUrl) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, maxTransactionAttempts, kafka, restUrl, maxActiveTransactions);
    }

    /** At most {@code max} active transactions per loop subtask (0: no limit); with this JVM's request log only. */
    public JobOptions withMaxActiveTransactions(int max) {
        return new JobOptions(jobId, committedResponses, idempotencyRetention, loop, maxTransactionAttempts, kafka, checkpointsAt, max);
    }
}
