package io.entityflow.flink.runtime;

import io.entityflow.api.InternalFailureException;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Frame;
import io.entityflow.flink.envelope.Txn;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;

import java.util.ArrayList;
import java.util.List;

/**
 * What is sent when handling one envelope failed inside entityflow (not in entity code, whose exceptions
 * are the program's own business): the envelope's waiting caller gets an {@link InternalFailureException}
 * naming the request and the entity, as if the callee had thrown it, so its method can react and its
 * transaction rolls back the normal way; with no caller left, the client gets it (HTTP 500). Nothing is
 * retried: the same envelope would fail the same way, so failing the task would replay it into a restart
 * loop that stops every entity.
 */
final class EnvelopeContainment {
    private EnvelopeContainment() {
    }

    /** The envelopes that answer {@code failed} at {@code self}; none for transaction protocol messages. */
    static List<Envelope> answers(Envelope failed, EntityRef self, Throwable failure) {
        List<Frame> callers = switch (failed.kind()) {
            case CALL, CREATE -> failed.stack();
            // the frame being resumed was this entity's: the failure goes to whoever waits for it
            case RETURN -> failed.stack().isEmpty() ? List.of() : failed.stack().subList(1, failed.stack().size());
            default -> null;
        };
        if (callers == null) {
            return List.of();
        }
        RemoteFailure answer = new RemoteFailure(InternalFailureException.class.getName(), describe(failed, self, failure));
        Envelope result = Envelope.result(failed.requestId(), self, answer, callers);
        Txn txn = failed.txn();
        if (txn == null) {
            return List.of(result);
        }
        Txn reached = txn.reaching(self);
        if (!callers.isEmpty() && callers.size() > txn.rootDepth()) {
            return List.of(result.withTxn(reached)); // a caller inside the transaction sees the failure
        }
        // the transaction's root method itself failed: nobody inside it is left to end it, so end it here
        List<Envelope> answers = new ArrayList<>();
        for (EntityRef participant : reached.participants()) {
            answers.add(Envelope.protocol(Envelope.Kind.ROLLBACK, participant, reached, null));
        }
        answers.add(result);
        return answers;
    }

    static String describe(Envelope failed, EntityRef self, Throwable failure) {
        String method = switch (failed.kind()) {
            case CALL -> "." + failed.method();
            case RETURN -> failed.stack().isEmpty() ? "" : " resuming " + failed.stack().get(0).method();
            case CREATE -> " (create)";
            default -> " " + failed.kind();
        };
        return "entityflow failed to handle request " + failed.requestId() + " at " + self + method + ": "
                + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                + "; the request failed, the job goes on (the job's log has the details)";
    }
}
