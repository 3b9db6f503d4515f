package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Frame;
import io.entityflow.flink.inspect.RequestTraces;
import io.entityflow.flink.inspect.RequestTraces.TraceEvent;

/** The trace event of an envelope arriving at an entity: which method and block runs there, and why. */
final class TraceEvents {
    private TraceEvents() {
    }

    static TraceEvent arrived(Envelope envelope, String entityType) {
        long micros = RequestTraces.nowMicros();
        String key = envelope.destination() == null ? "" : String.valueOf(envelope.destination().key());
        return switch (envelope.kind()) {
            case CALL -> new TraceEvent(envelope.requestId(), micros, entityType, key, "CALL", envelope.method(), 0,
                    envelope.stack().isEmpty() ? "from the client" : "called by " + caller(envelope.stack().get(0)));
            case CREATE -> new TraceEvent(envelope.requestId(), micros, entityType, key, "CREATE", "<init>", 0,
                    envelope.stack().isEmpty() ? "from the client" : "created by " + caller(envelope.stack().get(0)));
            case RETURN -> {
                Frame resumed = envelope.stack().isEmpty() ? null : envelope.stack().get(0);
                String from = envelope.target() == null ? "?" : envelope.target().path();
                yield new TraceEvent(envelope.requestId(), micros, entityType, key, "RETURN",
                        resumed == null ? null : resumed.method(), resumed == null ? -1 : resumed.block(),
                        "result from " + from);
            }
            default -> new TraceEvent(envelope.requestId(), micros, entityType, key, envelope.kind().name(), null, -1,
                    envelope.txn() == null ? "" : "transaction " + envelope.txn());
        };
    }

    private static String caller(Frame frame) {
        return frame.entity().path() + " " + frame.method() + " block " + frame.block();
    }
}
