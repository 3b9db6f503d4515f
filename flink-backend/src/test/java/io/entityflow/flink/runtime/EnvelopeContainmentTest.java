package io.entityflow.flink.runtime;

import io.entityflow.api.InternalFailureException;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Frame;
import io.entityflow.flink.envelope.Txn;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is told when handling an envelope failed inside entityflow. */
class EnvelopeContainmentTest {
    private static final EntityRef A = EntityRef.of("t.A", "a");
    private static final EntityRef B = EntityRef.of("t.B", "b");
    private static final IllegalStateException BUG = new IllegalStateException("bug");

    @Test
    void aClientCallIsAnsweredWithAnInternalFailureNamingTheRequest() {
        Envelope call = Envelope.call("req-1", B, "m", new Object[0], List.of());
        List<Envelope> answers = EnvelopeContainment.answers(call, B, BUG);
        assertThat(answers).singleElement().satisfies(answer -> {
            assertThat(answer.destination()).isNull();
            RemoteFailure failure = (RemoteFailure) answer.value();
            assertThat(failure.exceptionType()).isEqualTo(InternalFailureException.class.getName());
            assertThat(failure.message()).contains("req-1").contains("B(b).m").contains("bug");
        });
    }

    @Test
    void aCallFromAnotherEntityResumesItsCallerWithTheFailure() {
        Frame caller = Frame.stored(A, "f", 1, 0);
        Envelope call = Envelope.call("req-2", B, "m", new Object[0], List.of(caller));
        assertThat(EnvelopeContainment.answers(call, B, BUG)).singleElement()
                .satisfies(answer -> assertThat(answer.destination()).isEqualTo(A));
    }

    @Test
    void aFailedResumeGoesToTheCallersCaller() {
        Envelope result = Envelope.result("req-3", B, 7, List.of(Frame.stored(B, "g", 2, 5), Frame.stored(A, "f", 1, 0)));
        assertThat(EnvelopeContainment.answers(result, B, BUG)).singleElement()
                .satisfies(answer -> assertThat(answer.stack()).containsExactly(Frame.stored(A, "f", 1, 0)));
    }

    @Test
    void aFailedTransactionRootRollsBackEveryParticipant() {
        Txn txn = new Txn(1, "t1", 0, A, 0, List.of(A, B));
        Envelope call = Envelope.call("req-4", A, "m", new Object[0], List.of()).withTxn(txn);
        List<Envelope> answers = EnvelopeContainment.answers(call, A, BUG);
        assertThat(answers).hasSize(3);
        assertThat(answers.subList(0, 2)).allSatisfy(e -> assertThat(e.kind()).isEqualTo(Envelope.Kind.ROLLBACK))
                .extracting(Envelope::target).containsExactlyInAnyOrder(A, B);
        assertThat(answers.get(2).destination()).isNull();
    }

    @Test
    void protocolMessagesHaveNobodyToAnswer() {
        Txn txn = new Txn(1, "t1", 0, A, 0, List.of(A));
        assertThat(EnvelopeContainment.answers(Envelope.protocol(Envelope.Kind.COMMIT, A, txn, null), A, BUG)).isEmpty();
    }
}
