package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import io.entityflow.ir.graph.OperatorUids;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The two ends every embedded job shares: requests read from the job's in-JVM {@link RequestLog}, and
 * responses handed to the waiting clients through {@link ResponseSink}. Public so that another job (the
 * hand-written benchmark baseline) is fed and answered exactly like an entity job, and a comparison of
 * the two measures only what lies between.
 */
public final class JobEdges {
    private JobEdges() {
    }

    /** The job's requests, in the order they were submitted to {@link RequestQueues#of(String)}. */
    @SuppressWarnings("deprecation")
    public static DataStream<Envelope> requests(StreamExecutionEnvironment env, JobOptions options) {
        return env.addSource(new LogSource(options.jobId()), "requests", EnvelopeTypeInfo.INSTANCE)
                .uid("entityflow-requests").setParallelism(1);
    }

    /**
     * Answers the clients, once the checkpoint holding the effects completed unless responses are immediate: the
     * sink {@code entityflow-responses}, chained to the operator making the responses where the parallelism allows.
     */
    public static void respond(DataStream<Envelope> responses, JobOptions options) {
        respond(responses, "entityflow-responses", "responses", options);
    }

    /** The same, one of several sinks (one per entity type's operator, each chained to it). */
    @SuppressWarnings("deprecation")
    static void respond(DataStream<Envelope> responses, String uid, String name, JobOptions options) {
        responses.addSink(new ResponseSink(options.jobId(), options.committedResponses())).uid(uid).name(name);
    }

    /**
     * Answers the clients at once with responses that need no checkpoint (reads of committed state): a sink per
     * entity type, chained to its operator, so the answer leaves from the entity's own task.
     */
    @SuppressWarnings("deprecation")
    static void respondAtOnce(DataStream<Envelope> responses, String entityType, JobOptions options) {
        responses.addSink(new ResponsesAtOnce(options.jobId()))
                .uid(OperatorUids.responsesAtOnce(entityType)).name("responses at once " + entityType);
    }
}
