package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.EntityRef;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.function.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The channel's checkpoint protocol: what a head logs, and that it never takes an envelope a producer put
 * after its barrier before the head's own snapshot (Chandy-Lamport alignment, done by the channel when
 * producers of other subtasks put into it directly).
 */
class FeedbackChannelTest {
    private static final String LOOP = "channel-test";
    private static final int A = 0;
    private static final int B = 1;
    @TempDir
    Path spill;
    private final TaskThreadMailbox mailbox = new TaskThreadMailbox();
    private final List<Envelope> taken = new ArrayList<>();

    private static Envelope envelope(String name) {
        return Envelope.call(name, new EntityRef("T", name), "m", new Object[]{name}, List.of());
    }

    private FeedbackChannel channel(int producers) {
        FeedbackChannel channel = FeedbackChannel.of(LOOP, 0, 0, producers, 3, spill);
        channel.consumeWith(List.of(), mailbox, taken::add);
        return channel;
    }

    @AfterEach
    void release() {
        FeedbackChannel.release(LOOP, 0, 0);
    }

    @Test
    void oneProducerLogsWhatItPutBeforeTheBarrierAndTheHeadHadNotTaken() throws Exception {
        FeedbackChannel channel = channel(1);
        channel.put(A, envelope("a0"));
        mailbox.runAll();
        for (int i = 1; i <= 5; i++) {
            channel.put(A, envelope("a" + i));
        }
        channel.markBarrier(A, 7);
        channel.put(A, envelope("after")); // after the barrier: belongs to the next checkpoint, not this one
        assertThat(channel.inFlightAt(7, Duration.ofSeconds(1))).extracting(Envelope::requestId)
                .containsExactly("a1", "a2", "a3", "a4", "a5");
        mailbox.runAll();
        assertThat(taken).extracting(Envelope::requestId).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "after");
    }

    @Test
    void theHeadTakesNothingAProducerPutAfterItsBarrierUntilItsOwnSnapshot() throws Exception {
        FeedbackChannel channel = channel(2);
        channel.put(A, envelope("a-before"));
        channel.markBarrier(A, 3);
        channel.put(A, envelope("a-after"));
        channel.put(B, envelope("b-before"));
        mailbox.runAll();
        assertThat(taken).as("A's envelope after its barrier waits for the head's snapshot")
                .extracting(Envelope::requestId).containsExactly("a-before", "b-before");

        channel.put(B, envelope("b-not-taken"));
        CompletableFuture<List<Envelope>> log = CompletableFuture.supplyAsync(() -> {
            try {
                return channel.inFlightAt(3, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(log).as("the head waits for B's barrier").isNotDone();
        channel.put(B, envelope("b-late")); // B has not reached the barrier: before it, so in flight
        channel.markBarrier(B, 3);
        channel.put(B, envelope("b-after"));
        assertThat(log.get(10, TimeUnit.SECONDS)).extracting(Envelope::requestId).containsExactly("b-not-taken", "b-late");

        mailbox.runAll();
        assertThat(taken).extracting(Envelope::requestId)
                .containsExactly("a-before", "b-before", "b-not-taken", "b-late", "a-after", "b-after");
    }

    @Test
    void whatWasHeldForAnAbortedCheckpointFlowsAgain() throws Exception {
        FeedbackChannel channel = channel(2);
        channel.markBarrier(A, 4);
        channel.put(A, envelope("a-after-4"));
        mailbox.runAll();
        assertThat(taken).isEmpty();
        channel.abort(4, "declined");
        mailbox.runAll();
        assertThat(taken).extracting(Envelope::requestId).containsExactly("a-after-4");
        assertThatThrownBy(() -> channel.inFlightAt(4, Duration.ofSeconds(5))).hasMessageContaining("checkpoint 4 was aborted");
    }

    @Test
    void envelopesHeldForACheckpointTheHeadNeverTookAreInFlightForTheNextOne() throws Exception {
        FeedbackChannel channel = channel(2);
        channel.markBarrier(A, 5); // checkpoint 5 never reaches this head (aborted elsewhere, no notice here)
        channel.put(A, envelope("a-after-5"));
        channel.markBarrier(A, 6);
        channel.put(A, envelope("a-after-6"));
        channel.markBarrier(B, 6);
        assertThat(channel.inFlightAt(6, Duration.ofSeconds(1))).extracting(Envelope::requestId).containsExactly("a-after-5");
        mailbox.runAll();
        assertThat(taken).extracting(Envelope::requestId).containsExactly("a-after-5", "a-after-6");
    }

    @Test
    void aBarrierThatNeverComesFailsTheSnapshotAfterTheTimeout() {
        FeedbackChannel channel = channel(2);
        channel.markBarrier(A, 9);
        assertThatThrownBy(() -> channel.inFlightAt(9, Duration.ofMillis(50))).hasMessageContaining("did not reach the loop tail");
    }

    @Test
    void producersOfAReleasedChannelAreIgnored() {
        FeedbackChannel channel = channel(1);
        FeedbackChannel.release(LOOP, 0, 0);
        channel.put(A, envelope("late"));
        mailbox.runAll();
        assertThat(taken).isEmpty();
    }

    @Test
    void theAbortOfANewerCheckpointDoesNotLetThroughWhatAnOlderOneHoldsBack() throws Exception {
        FeedbackChannel channel = channel(2);
        channel.markBarrier(A, 7);
        channel.put(A, envelope("after-7"));
        channel.markBarrier(A, 8); // a savepoint beside checkpoint 7
        channel.put(A, envelope("after-8"));
        channel.abort(8, "the savepoint failed");
        mailbox.runAll();
        assertThat(taken).as("checkpoint 7 is still to be taken here").isEmpty();
        channel.markBarrier(B, 7);
        assertThat(channel.inFlightAt(7, Duration.ofSeconds(1))).isEmpty();
        mailbox.runAll();
        assertThat(taken).extracting(Envelope::requestId).containsExactly("after-7", "after-8");
    }

    @Test
    void aRestoredLogGoesBeforeWhatProducersPutBeforeTheHeadOpened() {
        FeedbackChannel channel = FeedbackChannel.of(LOOP, 0, 0, 1, 3, spill);
        channel.put(A, envelope("sent-after-the-restore"));
        channel.consumeWith(List.of(envelope("logged-1"), envelope("logged-2")), mailbox, taken::add);
        mailbox.runAll();
        assertThat(taken).extracting(Envelope::requestId).containsExactly("logged-1", "logged-2", "sent-after-the-restore");
    }

    @Test
    void aProducerDoesNotFailWhenTheHeadsMailboxIsClosing() {
        FeedbackChannel channel = FeedbackChannel.of(LOOP, 0, 0, 1, 3, spill);
        channel.consumeWith(List.of(), new TaskThreadMailbox() {
            @Override
            public synchronized void execute(MailOptions options, ThrowingRunnable<? extends Exception> command,
                                             String description, Object... args) {
                throw new IllegalStateException("mailbox is closed"); // what a quiesced task mailbox does
            }
        }, taken::add);
        channel.put(A, envelope("into-a-closing-task"));
        assertThat(taken).isEmpty();
    }

    /** Runs mails in the calling thread when asked, as a task thread runs its mailbox. */
    private static class TaskThreadMailbox implements MailboxExecutor {
        private final ArrayDeque<ThrowingRunnable<? extends Exception>> mails = new ArrayDeque<>();

        @Override
        public synchronized void execute(MailOptions options, ThrowingRunnable<? extends Exception> command, String description,
                                         Object... args) {
            mails.add(command);
        }

        void runAll() {
            ThrowingRunnable<? extends Exception> next;
            while ((next = poll()) != null) {
                try {
                    next.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private synchronized ThrowingRunnable<? extends Exception> poll() {
            return mails.poll();
        }

        @Override
        public void yield() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean tryYield() {
            return false;
        }

        @Override
        public boolean shouldInterrupt() {
            return false;
        }
    }
}
