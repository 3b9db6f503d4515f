package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.loop.FeedbackHeadFactory;
import io.entityflow.flink.loop.FeedbackTailOperator;
import io.entityflow.flink.runtime.EntityFunction;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink topology of an entity program: requests → keyBy(entity) → loop head → entity operator →
 * keyBy(entity) → loop tail, which feeds calls and returns back to the head of the same subtask; responses
 * leave the entity operator on a side output. Head and tail share a co-location group, so their channel
 * is an in-JVM queue. Operator uids are stable: state is bound to them across restarts.
 */
public final class EntityJob {
    public static final String ENTITY_OPERATOR_UID = "entityflow-entities";
    private static final KeySelector<Envelope, String> BY_ENTITY = new ByEntity();

    private EntityJob() {
    }

    /** The key selector as a class: a lambda's serialised form breaks savepoint compatibility more easily. */
    private static final class ByEntity implements KeySelector<Envelope, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Envelope envelope) {
            return envelope.destinationKey();
        }
    }

    /**
     * Adds the job to {@code env}; requests and responses go through {@link RequestQueues#of(String)}.
     * @param jobId names the request queues and the feedback channels of this job in the JVM
     */
    @SuppressWarnings("deprecation")
    public static void build(StreamExecutionEnvironment env, EntityInvoker invoker, String jobId) {
        DataStream<Envelope> requests = env.addSource(new QueueSource(jobId), "requests", EnvelopeTypeInfo.INSTANCE)
                .uid("entityflow-requests").setParallelism(1);
        SingleOutputStreamOperator<Envelope> head = requests.keyBy(BY_ENTITY, Types.STRING)
                .transform("loop head", EnvelopeTypeInfo.INSTANCE, new FeedbackHeadFactory(jobId))
                .uid("entityflow-loop-head");
        head.getTransformation().setCoLocationGroupKey("entityflow-loop");
        SingleOutputStreamOperator<Envelope> entities = DataStreamUtils.reinterpretAsKeyedStream(head, BY_ENTITY, Types.STRING)
                .process(new EntityFunction(invoker), EnvelopeTypeInfo.INSTANCE)
                .uid(ENTITY_OPERATOR_UID).name("entities");
        SingleOutputStreamOperator<Void> tail = entities.keyBy(BY_ENTITY, Types.STRING)
                .transform("loop tail", Types.VOID, new FeedbackTailOperator(jobId))
                .uid("entityflow-loop-tail");
        tail.getTransformation().setCoLocationGroupKey("entityflow-loop");
        entities.getSideOutput(EntityFunction.RESPONSES).addSink(new ResponseSink(jobId))
                .uid("entityflow-responses").name("responses").setParallelism(1);
    }
}
