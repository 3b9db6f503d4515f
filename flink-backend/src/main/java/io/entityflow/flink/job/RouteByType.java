package io.entityflow.flink.job;

import io.entityflow.api.EntityException;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.RemoteFailure;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Map;

/**
 * Sends each envelope to the operator of its destination's entity type (a side output per type); an
 * envelope for a type the program does not have is answered at once with a failure, on the main output.
 */
final class RouteByType extends ProcessFunction<Envelope, Envelope> {
    private static final long serialVersionUID = 1L;
    private final Map<String, OutputTag<Envelope>> byType;

    RouteByType(Map<String, OutputTag<Envelope>> byType) {
        this.byType = byType;
    }

    @Override
    public void processElement(Envelope envelope, Context context, Collector<Envelope> out) {
        OutputTag<Envelope> tag = envelope.destination() == null ? null : byType.get(envelope.destination().type());
        if (tag != null) {
            context.output(tag, envelope);
        } else {
            out.collect(Envelope.result(envelope.requestId(), envelope.destination(), new RemoteFailure(
                    EntityException.class.getName(), "no entity type " + envelope.destination()), java.util.List.of()));
        }
    }
}
