package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.EntityRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer handed over is answered once, off the producer's thread, whether the answering thread naps, sleeps or ended. */
class AnswerHandOverTest {
    private static final EntityRef TARGET = EntityRef.of("t.A", "a");
    private final Map<String, Integer> answered = new ConcurrentHashMap<>();
    private final Set<String> answeringThreads = ConcurrentHashMap.newKeySet();

    private void record(Envelope response) {
        answered.merge(response.requestId(), 1, Integer::sum);
        answeringThreads.add(Thread.currentThread().getName());
    }

    private static Envelope answer(String requestId) {
        return Envelope.call(requestId, TARGET, "m", new Object[0], List.of());
    }

    @Test
    void answersFromManyProducersAreAllAnsweredExactlyOnceOnTheAnsweringThread() throws Exception {
        // a short idle: the thread also ends and restarts while producers hand over
        AnswerHandOver handOver = new AnswerHandOver(this::record, TimeUnit.MILLISECONDS.toNanos(2));
        int producers = 4;
        int each = 50_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    if (i % 1000 == 0) {
                        // now and then a pause long enough for the answering thread to nap, sleep and be woken
                        sleepMillis(i % 5000 == 0 ? 5 : 0);
                    }
                    if (i % 100 == 0) {
                        handOver.handOver(List.of(answer(producer + "-" + i + "-batch-a"), answer(producer + "-" + i + "-batch-b")));
                    }
                    handOver.handOver(answer(producer + "-" + i));
                }
            }, "producer-" + p);
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        int expected = producers * (each + 2 * (each / 100));
        eventually(Duration.ofSeconds(30), () -> answered.size() == expected);
        assertThat(answered.values()).allMatch(times -> times == 1);
        assertThat(answeringThreads).containsOnly("entityflow-answers");
    }

    @Test
    void anAnswerHandedOverAfterTheThreadEndedStartsAnotherOne() {
        AnswerHandOver handOver = new AnswerHandOver(this::record, TimeUnit.MILLISECONDS.toNanos(20));
        handOver.handOver(answer("first"));
        eventually(Duration.ofSeconds(10), () -> answered.containsKey("first"));
        eventually(Duration.ofSeconds(10), () -> !handOver.threadAlive());

        handOver.handOver(answer("second"));
        eventually(Duration.ofSeconds(10), () -> answered.containsKey("second"));
        assertThat(handOver.threadAlive()).isTrue();
    }

    @Test
    void aSleepingThreadIsWokenByTheNextAnswer() {
        AnswerHandOver handOver = new AnswerHandOver(this::record, TimeUnit.MINUTES.toNanos(5));
        handOver.handOver(answer("first"));
        eventually(Duration.ofSeconds(10), () -> answered.containsKey("first"));
        sleepMillis(50); // past its naps: asleep for minutes unless woken
        handOver.handOver(answer("second"));
        eventually(Duration.ofSeconds(2), () -> answered.containsKey("second"));
    }

    @Test
    void anAnswerThatThrowsDoesNotStopTheOnesAfterIt() {
        AnswerHandOver handOver = new AnswerHandOver(response -> {
            if (response.requestId().equals("bad")) {
                throw new IllegalStateException("a client's continuation failed");
            }
            record(response);
        });
        handOver.handOver(List.of(answer("before"), answer("bad"), answer("after")));
        eventually(Duration.ofSeconds(10), () -> answered.containsKey("after"));
        assertThat(answered).containsOnlyKeys("before", "after");
    }

    private static void eventually(Duration within, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition still false after " + within).isLessThan(deadline);
            sleepMillis(1);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
