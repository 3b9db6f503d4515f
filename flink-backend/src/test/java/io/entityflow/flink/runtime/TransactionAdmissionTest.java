package io.entityflow.flink.runtime;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionAdmissionTest {
    /** The admission's clock, in nanoseconds: moved by the tests. */
    private long now = 1_000_000;
    private final TransactionAdmission admission = new TransactionAdmission(() -> now);

    @Test
    void admitsUntilTheCapOfActiveTransactionsCountingARetryOnce() {
        admission.startAttempt(2);
        admission.begun("a");
        admission.begun("a"); // its retry: the root puts the same transaction again
        assertThat(admission.admitsAnother()).isTrue();
        admission.begun("b");
        assertThat(admission.admitsAnother()).isFalse();
        assertThat(admission.active()).isEqualTo(2);

        admission.ended("a");
        assertThat(admission.admitsAnother()).isTrue();
        assertThat(admission.mostActive()).isEqualTo(2);
    }

    @Test
    void withoutACapNothingWaits() {
        admission.startAttempt(0);
        for (int i = 0; i < 10_000; i++) {
            admission.begun("t" + i);
        }
        assertThat(admission.admitsAnother()).isTrue();
        assertThat(admission.whenAdmitting()).isDone();
    }

    @Test
    void theEndOfATransactionThatDidNotBeginInThisAttemptIsIgnored() {
        admission.startAttempt(1);
        admission.begun("mine");
        admission.ended("restored-from-the-checkpoint");
        assertThat(admission.active()).isEqualTo(1);
        assertThat(admission.admitsAnother()).isFalse();
    }

    @Test
    void aPauseWithNoTransactionEndingLetsOneRequestInAfterItsLongestThenPausesAgain() {
        long pause = TransactionAdmission.MAX_PAUSE_NANOS;
        admission.startAttempt(1);
        admission.begun("never-ends");
        long start = now;
        assertThat(admission.admitsAnother()).isFalse();
        now = start + pause - 1;
        assertThat(admission.admitsAnother()).isFalse();
        now = start + pause;
        assertThat(admission.admitsAnother()).isTrue();
        now = start + pause + 1;
        assertThat(admission.admitsAnother()).isFalse();
        now = start + 2 * pause;
        assertThat(admission.admitsAnother()).isTrue();
        assertThat(admission.overdueAdmissions()).isEqualTo(2);
    }

    @Test
    void theReaderIsWokenWhenATransactionEndsOrAtTheLatestWhenThePauseIsOver() throws Exception {
        admission.startAttempt(1);
        admission.begun("a");
        CompletableFuture<Void> woken = admission.whenAdmitting();
        assertThat(woken).isNotDone();
        admission.ended("a");
        assertThat(woken).isDone();

        admission.begun("b");
        CompletableFuture<Void> timedOut = admission.whenAdmitting();
        assertThat(timedOut).isNotDone();
        timedOut.get(TimeUnit.NANOSECONDS.toMillis(TransactionAdmission.MAX_PAUSE_NANOS) + 5_000, TimeUnit.MILLISECONDS);
        assertThat(admission.active()).isEqualTo(1);
    }

    @Test
    void aNewAttemptForgetsTheFailedOnesTransactionsAndWakesItsReader() {
        admission.startAttempt(1);
        admission.begun("lost");
        CompletableFuture<Void> waiting = admission.whenAdmitting();
        admission.startAttempt(1);
        assertThat(waiting).isDone();
        assertThat(admission.active()).isZero();
        assertThat(admission.admitsAnother()).isTrue();
    }

    @Test
    void theSameJobAndSubtaskMeetInOneAdmissionUntilTheJobIsReleased() {
        TransactionAdmission first = TransactionAdmission.of("admission-test", 1);
        assertThat(TransactionAdmission.of("admission-test", 1)).isSameAs(first);
        assertThat(TransactionAdmission.of("admission-test", 0)).isNotSameAs(first);
        TransactionAdmission.release("admission-test");
        assertThat(TransactionAdmission.of("admission-test", 1)).isNotSameAs(first);
        TransactionAdmission.release("admission-test");
    }

    @Test
    void aNegativeCapIsRefused() {
        assertThatThrownBy(() -> admission.startAttempt(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
