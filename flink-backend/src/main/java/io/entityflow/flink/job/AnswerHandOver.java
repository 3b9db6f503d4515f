package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Carries released answers from the entity tasks to one thread that completes the clients' futures: completing a
 * future runs whatever the client chained to it, which must not run on an entity task.
 *
 * <p>Why not an executor: an entity task answering a read of committed state hands over one answer per record, up
 * to hundreds of thousands a second; an executor's lock, task object and wake-up signal per answer took a sixth of
 * the YCSB profile. Here a hand-over is a lock-free enqueue, and the task wakes the answering thread only when that
 * thread has gone to sleep. The thread naps briefly ({@link #NAP}) while the queue is empty — producers do not wake
 * a napping thread — and sleeps only after {@link #NAPS_BEFORE_SLEEP} empty naps, so a steady stream of answers
 * costs the producers no wake-ups and an idle job costs one per answer (a nap adds at most ~0.1 ms to an answer).
 * After {@link #IDLE} of sleep the thread ends; the next hand-over starts another.
 */
final class AnswerHandOver {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerHandOver.class);
    private static final long NAP = TimeUnit.MICROSECONDS.toNanos(50);
    private static final int NAPS_BEFORE_SLEEP = 20;
    private static final long IDLE = TimeUnit.SECONDS.toNanos(10);
    private static final int RUNNING = 0;
    private static final int SLEEPING = 1;
    private static final int GONE = 2;

    private final Consumer<Envelope> answer;
    private final long idleNanos;
    private final Queue<Envelope> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger state = new AtomicInteger(GONE);
    /** Written before the thread starts, read by producers only after the thread itself said it sleeps. */
    private volatile Thread thread;

    AnswerHandOver(Consumer<Envelope> answer) {
        this(answer, IDLE);
    }

    /** With the time the answering thread sleeps before it ends (shorter in tests). */
    AnswerHandOver(Consumer<Envelope> answer, long idleNanos) {
        this.answer = answer;
        this.idleNanos = idleNanos;
    }

    /** Whether a thread is answering or waiting for answers (false once it ended after being idle). */
    boolean threadAlive() {
        Thread answering = thread;
        return answering != null && answering.isAlive();
    }

    void handOver(Envelope response) {
        answers.offer(response);
        wake();
    }

    void handOver(List<Envelope> responses) {
        if (!responses.isEmpty()) {
            answers.addAll(responses);
            wake();
        }
    }

    private void wake() {
        while (true) {
            switch (state.get()) {
                case RUNNING:
                    return; // it polls the queue again before it sleeps
                case SLEEPING:
                    if (state.compareAndSet(SLEEPING, RUNNING)) {
                        LockSupport.unpark(thread);
                        return;
                    }
                    break;
                default:
                    if (state.compareAndSet(GONE, RUNNING)) {
                        start();
                        return;
                    }
            }
        }
    }

    private void start() {
        Thread answering = new Thread(this::answerUntilIdle, "entityflow-answers");
        answering.setDaemon(true);
        // started by whichever task answers first: not that task's user-code class loader, which outlives it
        answering.setContextClassLoader(AnswerHandOver.class.getClassLoader());
        thread = answering;
        answering.start();
    }

    private void answerUntilIdle() {
        int emptyNaps = 0;
        while (true) {
            Envelope next = answers.poll();
            if (next != null) {
                answerContained(next);
                emptyNaps = 0;
            } else if (emptyNaps < NAPS_BEFORE_SLEEP) {
                emptyNaps++;
                LockSupport.parkNanos(NAP);
            } else {
                // say so before the last look: a producer that enqueues after the look sees SLEEPING and wakes us
                state.set(SLEEPING);
                if (answers.isEmpty()) {
                    LockSupport.parkNanos(idleNanos);
                    if (answers.isEmpty() && state.compareAndSet(SLEEPING, GONE)) {
                        return; // a producer from now on starts a new thread
                    }
                }
                state.compareAndSet(SLEEPING, RUNNING); // fails only if a producer already said RUNNING
                emptyNaps = 0;
            }
        }
    }

    private void answerContained(Envelope response) {
        try {
            answer.accept(response);
        } catch (RuntimeException | Error e) {
            // a client's continuation that throws must not take the answers of everyone else with it
            LOG.warn("Answering request {} failed", response.requestId(), e);
        }
    }
}
