package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.loop.DirectFeedbackTail;
import io.entityflow.flink.loop.FeedbackHeadFactory;
import io.entityflow.flink.loop.FeedbackTailOperator;
import io.entityflow.flink.runtime.EntityFunction;
import io.entityflow.flink.runtime.EntityOperator;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.flink.txn.EntityEvents;
import io.entityflow.flink.serial.EntityKeyTypeInfo;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import io.entityflow.ir.graph.OperatorUids;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink topology of an entity program: requests (keyed by entity) → loop head → route by type → one
 * keyed operator per entity type → loop tail, which feeds calls and returns back to the head of the subtask
 * that owns their destination; responses leave the entity operators on side outputs. In one JVM each entity
 * operator has its own tail chained to it, putting envelopes straight into the heads' channels; across
 * processes a keyBy(entity) network edge leads to one tail operator whose subtasks share a co-location group
 * with the heads, so their channel is an in-JVM queue. Operator uids are stable: state is bound to them
 * across restarts (the tails hold none).
 */
public final class EntityJob {

    private EntityJob() {
    }

    /**
     * Adds the job to {@code env}; requests and responses go through {@link RequestQueues#of(String)}.
     * Each entity type gets its own keyed operator, with the uid the graph JSON names
     * ({@link OperatorUids#entity(String)}): its state stays bound to it across restarts and upgrades.
     *
     * @param entityTypes qualified names of the program's entity types
     */
    public static void build(StreamExecutionEnvironment env, EntityInvoker invoker, List<String> entityTypes, JobOptions options) {
        build(env, invoker, MethodTraits.none(), entityTypes, options);
    }

    /**
     * @param traits which methods are {@code @Transactional} or {@code @ReadOnly}
     */
    @SuppressWarnings("deprecation")
    public static void build(StreamExecutionEnvironment env, EntityInvoker invoker, MethodTraits traits,
                             List<String> entityTypes, JobOptions options) {
        EntityEvents events = new EntityEvents(invoker, traits, options.maxTransactionAttempts());
        // Chained operators (head → router → entity operator) share an envelope instead of copying it, which
        // for envelopes means serialising and deserialising it: neither the head nor the router keeps or changes
        // an envelope it has passed on, each record has one consumer, and what an entity operator keeps (a
        // recorded response, a queued envelope, a transaction's request) is never changed in place.
        env.getConfig().enableObjectReuse();
        // in this JVM the request log is partitioned by key already: the head runs in the reader's task
        KeyedStream<Envelope, String> requests = options.kafka() == null ? JobEdges.requests(env, options)
                : KafkaEdges.requests(env, options.kafka()).keyBy(ByDestination.INSTANCE, EntityKeyTypeInfo.INSTANCE);
        SingleOutputStreamOperator<Envelope> head = requests
                .transform("loop head", EnvelopeTypeInfo.INSTANCE, new FeedbackHeadFactory(options.loop(), entityTypes.size()))
                .uid("entityflow-loop-head");
        head.getTransformation().setCoLocationGroupKey("entityflow-loop");
        Map<String, OutputTag<Envelope>> byType = new LinkedHashMap<>();
        entityTypes.forEach(type -> byType.put(type, new OutputTag<>(type, EnvelopeTypeInfo.INSTANCE)));
        SingleOutputStreamOperator<Envelope> routed = head.process(new RouteByType(byType), EnvelopeTypeInfo.INSTANCE)
                .uid("entityflow-route").name("route by entity type");
        // reads of committed state leave on their own path where the others wait for a checkpoint in this JVM; a
        // job on a cluster answers through Kafka's transactions, which only a checkpoint commits
        boolean inThisJvm = options.kafka() == null;
        boolean answersAtOnce = options.committedResponses() && inThisJvm;
        DataStream<Envelope> toLoop = null;
        DataStream<Envelope> toKafka = null;
        int index = 0;
        for (Map.Entry<String, OutputTag<Envelope>> type : byType.entrySet()) {
            SingleOutputStreamOperator<Envelope> entities = DataStreamUtils
                    .reinterpretAsKeyedStream(routed.getSideOutput(type.getValue()), ByDestination.INSTANCE, EntityKeyTypeInfo.INSTANCE)
                    .transform(type.getKey(), EnvelopeTypeInfo.INSTANCE,
                            new EntityOperator(type.getKey(), entityFunction(events, type.getKey(), answersAtOnce, options)))
                    .uid(OperatorUids.entity(type.getKey()));
            if (answersAtOnce) {
                JobEdges.respondAtOnce(entities.getSideOutput(EntityFunction.RESPONSES_AT_ONCE), type.getKey(), options);
            }
            if (options.loop().inOneJvm()) {
                entities.transform("loop tail " + type.getKey(), Types.VOID,
                                new DirectFeedbackTail(options.loop(), index++, entityTypes.size()))
                        .uid(OperatorUids.loopTail(type.getKey()));
            } else {
                toLoop = toLoop == null ? entities : toLoop.union(entities);
            }
            DataStream<Envelope> typeResponses = entities.getSideOutput(EntityFunction.RESPONSES);
            if (inThisJvm) {
                // held in a sink chained to the entity operator: no network edge, no serialisation, no task between
                JobEdges.respond(typeResponses, OperatorUids.responses(type.getKey()), "responses " + type.getKey(), options);
            } else {
                toKafka = toKafka == null ? typeResponses : toKafka.union(typeResponses);
            }
        }
        if (toLoop != null) {
            SingleOutputStreamOperator<Void> tail = toLoop.keyBy(ByDestination.INSTANCE, EntityKeyTypeInfo.INSTANCE)
                    .transform("loop tail", Types.VOID, new FeedbackTailOperator(options.loop()))
                    .uid("entityflow-loop-tail");
            tail.getTransformation().setCoLocationGroupKey("entityflow-loop");
        }
        // requests for a type the program does not have come out of the router as failed responses; in this JVM
        // their sink keeps the uid (and a savepoint's held responses) of the one sink all responses once shared
        if (inThisJvm) {
            // one sink subtask behind every loop subtask: the edges to it make the loop's subtasks one pipelined
            // region. Flink does not see the loop's feedback, and the requests no longer reach the loop over a keyBy
            // edge, so otherwise it would restart a failed loop subtask alone, against its peers' later state.
            // These answers are rare: the router flushes each at once (buffer timeout 0: no flusher thread either)
            JobEdges.respondInOneSubtask(routed.setBufferTimeout(0), options);
        } else {
            KafkaEdges.respond(toKafka == null ? routed : toKafka.union(routed), options.kafka(), options.checkpointsAt());
        }
    }

    /** The function of one entity type's operator; in this JVM it counts the transactions its subtask's reader limits. */
    private static EntityFunction entityFunction(EntityEvents events, String type, boolean answersAtOnce, JobOptions options) {
        EntityFunction function = new EntityFunction(events, options.idempotencyRetention(), type, answersAtOnce);
        return options.kafka() == null ? function.countingTransactionsFor(options.jobId()) : function;
    }
}
