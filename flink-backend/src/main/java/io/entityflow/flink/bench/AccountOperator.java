package io.entityflow.flink.bench;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.runtime.MaterializationThread;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;

/**
 * The hand-written job's keyed operator: {@link AccountFunction}, with its task's changelog materialisations
 * beside its checkpoints as the entity operators have them ({@link MaterializationThread}), so the comparison
 * measures the runtime and not a difference in checkpoint scheduling.
 */
final class AccountOperator extends KeyedProcessOperator<String, Envelope, Envelope> {
    private static final long serialVersionUID = 1L;

    AccountOperator() {
        super(new AccountFunction());
    }

    @Override
    public void setup(StreamTask<?, ?> containingTask, StreamConfig config, Output<StreamRecord<Envelope>> output) {
        super.setup(containingTask, config, output);
        MaterializationThread.addOne(containingTask.getEnvironment().getAsyncOperationsThreadPool());
    }
}
