package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EntityKeyTypeInfo;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import io.entityflow.ir.graph.OperatorUids;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
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

    /**
     * The job's requests, keyed by {@link Envelope#destinationKey()}: each subtask reads the partition of the
     * request log that holds its key groups' requests ({@link RequestPartitions}), in the order they were
     * submitted to {@link RequestQueues#of(String)}, so a keyed operator of the same parallelism behind it runs
     * in the same task. Operate on the stream directly; a keyBy would shuffle it again.
     */
    public static KeyedStream<Envelope, String> requests(StreamExecutionEnvironment env, JobOptions options) {
        int parallelism = env.getParallelism();
        DataStream<Envelope> routed = env.fromSource(new RequestLogSource(options.jobId(), options.maxActiveTransactions()), WatermarkStrategy.noWatermarks(),
                        "requests", EnvelopeTypeInfo.INSTANCE)
                .uid("entityflow-requests").setParallelism(parallelism)
                .transform("requests by key", EnvelopeTypeInfo.INSTANCE, new RequestRouting(options.jobId()))
                .uid("entityflow-requests-by-key").setParallelism(parallelism);
        return DataStreamUtils.reinterpretAsKeyedStream(routed, ByDestination.INSTANCE, EntityKeyTypeInfo.INSTANCE);
    }

    /**
     * Answers the clients, once the checkpoint holding the effects completed unless responses are immediate: the
     * sink {@code entityflow-responses}, chained to the operator making the responses where the parallelism allows.
     */
    public static void respond(DataStream<Envelope> responses, JobOptions options) {
        respond(responses, "entityflow-responses", "responses", options);
    }

    /**
     * The same, in one sink subtask that every subtask of {@code responses} sends to over the network (an edge that
     * connects them all for Flink's failover: they fail over together).
     */
    @SuppressWarnings("deprecation")
    static void respondInOneSubtask(DataStream<Envelope> responses, JobOptions options) {
        respond(responses.rebalance(), "entityflow-responses", "responses", options).setParallelism(1);
    }

    /** The same, one of several sinks (one per entity type's operator, each chained to it). */
    @SuppressWarnings("deprecation")
    static DataStreamSink<Envelope> respond(DataStream<Envelope> responses, String uid, String name, JobOptions options) {
        return responses.addSink(new ResponseSink(options.jobId(), options.committedResponses())).uid(uid).name(name);
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
