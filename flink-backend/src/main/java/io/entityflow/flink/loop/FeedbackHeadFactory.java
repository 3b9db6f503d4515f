package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Creates the head with its task's mailbox, through which the feedback is emitted in the task thread. */
@SuppressWarnings("deprecation")
public final class FeedbackHeadFactory extends AbstractStreamOperatorFactory<Envelope>
        implements OneInputStreamOperatorFactory<Envelope, Envelope>,
        org.apache.flink.streaming.api.operators.YieldingOperatorFactory<Envelope> {
    private static final long serialVersionUID = 1L;
    private final LoopOptions options;
    private final int entityOperators;

    /** @param entityOperators how many entity operators feed the loop (each has a subtask per head) */
    public FeedbackHeadFactory(LoopOptions options, int entityOperators) {
        this.options = options;
        this.entityOperators = entityOperators;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<Envelope>> T createStreamOperator(StreamOperatorParameters<Envelope> parameters) {
        return (T) new FeedbackHeadOperator(options, entityOperators, getMailboxExecutor(), parameters);
    }

    @Override
    public Class<? extends StreamOperator<?>> getStreamOperatorClass(ClassLoader classLoader) {
        return FeedbackHeadOperator.class;
    }
}
