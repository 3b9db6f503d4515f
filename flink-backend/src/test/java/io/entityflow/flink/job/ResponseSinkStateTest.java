package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import io.entityflow.ir.runtime.EntityRef;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.core.fs.CloseableRegistry;
import org.apache.flink.runtime.checkpoint.CheckpointOptions;
import org.apache.flink.runtime.state.DefaultOperatorStateBackend;
import org.apache.flink.runtime.state.DefaultOperatorStateBackendBuilder;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StateInitializationContextImpl;
import org.apache.flink.runtime.state.StateSnapshotContextSynchronousImpl;
import org.apache.flink.runtime.state.memory.MemCheckpointStreamFactory;
import org.apache.flink.util.concurrent.FutureUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed responses a sink holds back, in Flink's real operator state backend: checkpointed as one list
 * entry per checkpoint they wait for (an entry costs a stream flush and a metadata offset), released when a
 * restore finds them, and still released from the one-entry-per-response layout of older savepoints.
 */
class ResponseSinkStateTest {
    private static final EntityRef ACCOUNT = new EntityRef("bank.Account", "a");
    private final String jobId = "response-sink-" + UUID.randomUUID();
    private final RequestQueues queues = RequestQueues.of(jobId);

    @AfterEach
    void release() {
        RequestQueues.release(jobId);
    }

    /** Released responses are handed to the clients by RequestQueues' answering thread. */
    private static final java.time.Duration ANSWERED = java.time.Duration.ofSeconds(10);

    @Test
    void heldResponsesAreOneEntryPerCheckpointAndARestoreReleasesThem() throws Exception {
        List<CompletableFuture<Envelope>> answers = submit(5);
        DefaultOperatorStateBackend backend = backend(List.of());
        ResponseSink sink = new ResponseSink(jobId, true);
        sink.initializeState(new StateInitializationContextImpl(null, backend, null, List.of(), List.of()));
        respond(sink, 0, 3);
        sink.snapshotState(new StateSnapshotContextSynchronousImpl(1, 1));
        respond(sink, 3, 5);
        sink.snapshotState(new StateSnapshotContextSynchronousImpl(2, 2));
        OperatorStateHandle checkpoint = snapshot(backend, 2);

        assertThat(answers).as("nothing answered before a checkpoint completed").noneMatch(CompletableFuture::isDone);
        assertThat(checkpoint.getStateNameToPartitionOffsets().get("held-response-batches").getOffsets())
                .as("one entry per checkpoint waited for, not per response").hasSize(2);

        ResponseSink restored = new ResponseSink(jobId, true);
        restored.initializeState(new StateInitializationContextImpl(2L, backend(List.of(checkpoint)), null, List.of(), List.of()));
        answers.forEach(answer -> assertThat(answer).succeedsWithin(ANSWERED));
        assertThat(answers.get(4).join().value()).isEqualTo(4L);
    }

    @Test
    void aCompletedCheckpointReleasesWhatWaitedForItOnly() throws Exception {
        List<CompletableFuture<Envelope>> answers = submit(2);
        ResponseSink sink = new ResponseSink(jobId, true);
        DefaultOperatorStateBackend backend = backend(List.of());
        sink.initializeState(new StateInitializationContextImpl(null, backend, null, List.of(), List.of()));
        respond(sink, 0, 1);
        sink.snapshotState(new StateSnapshotContextSynchronousImpl(1, 1));
        respond(sink, 1, 2);
        sink.snapshotState(new StateSnapshotContextSynchronousImpl(2, 2));

        sink.notifyCheckpointComplete(1);
        assertThat(answers.get(0)).succeedsWithin(ANSWERED);
        sink.snapshotState(new StateSnapshotContextSynchronousImpl(3, 3));
        assertThat(backend.getListState(new ListStateDescriptor<>("held-response-batches",
                new ListTypeInfo<>(EnvelopeTypeInfo.INSTANCE))).get()).as("still held").containsExactly(List.of(response(1)));
        assertThat(answers.get(1)).isNotDone();
        sink.notifyCheckpointComplete(2);
        assertThat(answers.get(1)).succeedsWithin(ANSWERED);
    }

    @Test
    void aSavepointHoldingEachResponseAsAnEntryIsStillReleased() throws Exception {
        List<CompletableFuture<Envelope>> answers = submit(3);
        DefaultOperatorStateBackend before = backend(List.of());
        ListState<Envelope> oneByOne = before.getListState(
                new ListStateDescriptor<>(ResponseSink.HELD_ONE_BY_ONE, EnvelopeTypeInfo.INSTANCE));
        for (int i = 0; i < 3; i++) {
            oneByOne.add(response(i));
        }
        OperatorStateHandle savepoint = snapshot(before, 7);

        DefaultOperatorStateBackend after = backend(List.of(savepoint));
        ResponseSink sink = new ResponseSink(jobId, true);
        sink.initializeState(new StateInitializationContextImpl(7L, after, null, List.of(), List.of()));
        answers.forEach(answer -> assertThat(answer).succeedsWithin(ANSWERED));
        assertThat(after.getListState(new ListStateDescriptor<>(ResponseSink.HELD_ONE_BY_ONE, EnvelopeTypeInfo.INSTANCE)).get())
                .as("released once: the next checkpoint no longer holds them").isEmpty();
    }

    private List<CompletableFuture<Envelope>> submit(int count) {
        List<CompletableFuture<Envelope>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(queues.submit(Envelope.call("r" + i, ACCOUNT, "read", new Object[0], List.of())));
        }
        return answers;
    }

    private static void respond(ResponseSink sink, int from, int to) {
        for (int i = from; i < to; i++) {
            sink.invoke(response(i), null);
        }
    }

    private static Envelope response(int i) {
        return Envelope.result("r" + i, ACCOUNT, (long) i, List.of());
    }

    private static DefaultOperatorStateBackend backend(Collection<OperatorStateHandle> restoreFrom) throws Exception {
        return new DefaultOperatorStateBackendBuilder(ResponseSinkStateTest.class.getClassLoader(), new ExecutionConfig(),
                false, restoreFrom, new CloseableRegistry()).build();
    }

    private static OperatorStateHandle snapshot(DefaultOperatorStateBackend backend, long checkpointId) throws Exception {
        return FutureUtils.runIfNotDoneAndGet(backend.snapshot(checkpointId, checkpointId, new MemCheckpointStreamFactory(1 << 20),
                CheckpointOptions.forCheckpointWithDefaultLocation())).getJobManagerOwnedSnapshot();
    }
}
