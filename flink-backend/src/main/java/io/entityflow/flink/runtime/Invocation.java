package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.SplitEntity;

import java.util.List;

/**
 * What handling one envelope at its entity produced: the entity afterwards (null when it does not exist),
 * whether it changed identity (created), and the envelopes to send on: calls and creates to other
 * entities, a result to the caller, or a result with an empty stack, which is the response to the client.
 */
public record Invocation(SplitEntity entity, boolean created, List<Envelope> outputs) {
}
