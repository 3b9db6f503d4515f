package io.entityflow.flink.loop;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The head of the feedback loop: forwards new requests from its input and, in between, the envelopes
 * the co-located tail puts into the {@link FeedbackChannel}. Its checkpoint holds the envelopes in flight
 * on the channel (see {@link FeedbackChannel}); a restore puts them back into the channel first.
 */
final class FeedbackHeadOperator extends AbstractStreamOperator<Envelope> implements OneInputStreamOperator<Envelope, Envelope> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackHeadOperator.class);
    private final LoopOptions options;
    private final int entityOperators;
    private final transient MailboxExecutor mailbox;
    private transient StreamRecord<Envelope> reused;
    private transient FeedbackChannel channel;
    private transient List<Envelope> restored;

    FeedbackHeadOperator(LoopOptions options, int entityOperators, MailboxExecutor mailbox, StreamOperatorParameters<Envelope> parameters) {
        this.options = options;
        this.entityOperators = entityOperators;
        this.mailbox = mailbox;
        setProcessingTimeService(parameters.getProcessingTimeService());
        setup(parameters.getContainingTask(), parameters.getStreamConfig(), parameters.getOutput());
    }

    @Override
    protected boolean isUsingCustomRawKeyedState() {
        return true; // the in-flight log owns the raw keyed state stream (this operator has no timers)
    }

    /**
     * The head uses no keyed state while processing (only the raw keyed stream, when snapshotting), so Flink
     * need not extract and hash each request's key for it; the chained entity operator sets its own key.
     */
    @Override
    public boolean hasKeyContext1() {
        return false;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        restored = new ArrayList<>();
        if (context.isRestored()) {
            InFlightLog.read(context.getRawKeyedStateInputs(), restored::add);
            LOG.info("loop head {} replays {} envelopes that were in flight at the restored checkpoint",
                    getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(), restored.size());
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        reused = new StreamRecord<>(null);
        TaskInfo task = getRuntimeContext().getTaskInfo();
        channel = options.channel(task.getIndexOfThisSubtask(), task, getContainingTask().getEnvironment(),
                options.producers(entityOperators, task.getNumberOfParallelSubtasks()));
        channel.consumeWith(restored, mailbox, envelope -> output.collect(reused.replace(envelope)));
        restored = null;
    }

    @Override
    public void processElement(StreamRecord<Envelope> element) {
        output.collect(element);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<Envelope> inFlight = channel.inFlightAt(context.getCheckpointId(), options.barrierTimeout());
        InFlightLog.write(inFlight, getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks(), context.getRawKeyedOperatorStateOutput());
        LOG.debug("checkpoint {}: {} envelopes in flight on the loop", context.getCheckpointId(), inFlight.size());
    }

    @Override
    public void close() throws Exception {
        options.release(getRuntimeContext().getTaskInfo());
        super.close();
    }
}
