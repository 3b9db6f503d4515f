package io.entityflow.flink.runtime;

import org.apache.flink.api.common.JobID;
import org.apache.flink.util.MdcUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint's asynchronous part must not queue behind a materialisation in the task's executor. The executor
 * is built as Flink 1.20's StreamTask builds it (no core threads, max-concurrent-checkpoints + 1 at most, an
 * unbounded queue, wrapped to scope log context to the job).
 */
class MaterializationThreadTest {
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 2, 60L, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    private final ExecutorService asyncOperations = MdcUtils.scopeToJob(new JobID(), pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aCheckpointRunsWhileAMaterialisationIsStillWriting() throws Exception {
        MaterializationThread.addOne(asyncOperations);
        CountDownLatch materialising = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        asyncOperations.execute(() -> {
            materialising.countDown();
            await(release);
        });
        assertThat(materialising.await(10, TimeUnit.SECONDS)).isTrue();

        Future<?> checkpoint = asyncOperations.submit(() -> { });
        try {
            checkpoint.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        assertThat(checkpoint).isDone();
    }

    @Test
    void eachKeyedOperatorOfTheTaskAddsAThread() {
        MaterializationThread.addOne(asyncOperations);
        MaterializationThread.addOne(asyncOperations);
        MaterializationThread.addOne(asyncOperations);

        assertThat(pool.getCorePoolSize()).as("three materialisations and a checkpoint").isEqualTo(4);
        assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
        assertThat(pool.allowsCoreThreadTimeOut()).as("idle threads still end").isTrue();
    }

    @Test
    void anExecutorItDoesNotKnowIsLeftWorkingAsItWas() throws Exception {
        ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            MaterializationThread.addOne(other);
            assertThat(other.submit(() -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
        } finally {
            other.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
