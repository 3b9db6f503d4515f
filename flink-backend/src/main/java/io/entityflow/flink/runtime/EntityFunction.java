package io.entityflow.flink.runtime;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The keyed operator of the entities: the state of the entity a key names lives in Flink keyed state
 * (serialised by {@link EntityStateSerializer}); each envelope runs the generated code through the
 * {@link EntityInvoker}. Envelopes for entities go on (into the loop), responses to clients go to a side
 * output.
 */
public final class EntityFunction extends KeyedProcessFunction<String, Envelope, Envelope> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Envelope> RESPONSES = new OutputTag<>("responses", EnvelopeTypeInfo.INSTANCE);
    private final EntityInvoker invoker;
    private transient ValueState<SplitEntity> state;

    public EntityFunction(EntityInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<SplitEntity> descriptor = new ValueStateDescriptor<>("entity", EntityStateSerializer.INSTANCE);
        state = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(Envelope envelope, Context context, Collector<Envelope> out) throws Exception {
        EntityRef self = envelope.destination();
        Invocation invocation = invoker.handle(envelope, self, state.value());
        if (invocation.entity() != null) {
            state.update(invocation.entity()); // always: backends that copy (RocksDB) need the mutated object back
        }
        for (Envelope next : invocation.outputs()) {
            if (next.destination() == null) {
                context.output(RESPONSES, next);
            } else {
                out.collect(next);
            }
        }
    }
}
