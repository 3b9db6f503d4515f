package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.runtime.TransactionAdmission;
import io.entityflow.ir.runtime.EntityRef;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogReaderTest {
    private final RequestLog log = new RequestLog();
    private final TransactionAdmission admission = TransactionAdmission.of("reader-test-" + UUID.randomUUID(), 0);

    /** What a reader emitted. */
    private static final class Collected implements ReaderOutput<Envelope> {
        final List<String> ids = new ArrayList<>();

        @Override
        public void collect(Envelope request) {
            ids.add(request.requestId());
        }

        @Override
        public void collect(Envelope request, long timestamp) {
            collect(request);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }

        @Override
        public SourceOutput<Envelope> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
        }
    }

    private void append(int from, int to) {
        for (int i = from; i < to; i++) {
            log.append(Envelope.call("r" + i, EntityRef.of("shop.Item", "k" + i), "getStock", new Object[0], List.of()));
        }
    }

    private static List<String> drain(RequestLogReader reader) {
        Collected out = new Collected();
        while (reader.pollNext(out) == InputStatus.MORE_AVAILABLE) {
            assertThat(out.ids).isNotEmpty();
        }
        return out.ids;
    }

    private static List<String> ids(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "r" + i).toList();
    }

    @Test
    void readsOneRequestPerCallInOrderAndWaitsForTheNextAppend() {
        RequestLogReader reader = new RequestLogReader(log, 0, admission);
        reader.start();
        Collected out = new Collected();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        CompletableFuture<Void> available = reader.isAvailable();
        assertThat(available).isNotDone();
        append(0, 3);
        assertThat(available).isDone();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        assertThat(out.ids).as("one per call: the task's mailbox runs between any two").containsExactly("r0");
        assertThat(drain(reader)).containsExactly("r1", "r2");
        assertThat(reader.isAvailable()).isNotDone();
        append(3, 1200);
        assertThat(drain(reader)).as("across batches").containsExactlyElementsOf(ids(3, 1200));
    }

    @Test
    void aRestoredReaderGoesOnAfterItsCheckpointAndACompletedCheckpointTruncatesTheLog() {
        RequestLogReader reader = new RequestLogReader(log, 0, admission);
        reader.start();
        append(0, 10);
        drain(reader);
        List<RequestLogPosition> first = reader.snapshotState(1);
        append(10, 20);
        drain(reader);
        List<RequestLogPosition> second = reader.snapshotState(2);
        append(20, 25);
        drain(reader);
        assertThat(second).singleElement().satisfies(position -> {
            assertThat(position.offset()).isEqualTo(20);
            assertThat(position.generation()).isEqualTo(log.generation());
        });

        reader.notifyCheckpointComplete(1);
        assertThat(log.firstOffset()).isEqualTo(10);
        // a task failure: the next attempt restores checkpoint 1 and reads everything after it again
        RequestLogReader restored = new RequestLogReader(log, 0, admission);
        restored.addSplits(first);
        restored.start();
        assertThat(drain(restored)).containsExactlyElementsOf(ids(10, 25));

        restored.snapshotState(3);
        restored.notifyCheckpointComplete(3);
        assertThat(log.firstOffset()).isEqualTo(25);
    }

    @Test
    void aPositionFromAnotherLogOrPartitionIsIgnored() throws Exception {
        append(0, 5);
        RequestLogReader reader = new RequestLogReader(log, 1, admission);
        reader.addSplits(List.of(new RequestLogPosition(1, "another JVM's log", 3), new RequestLogPosition(0, log.generation(), 4)));
        reader.start();
        assertThat(drain(reader)).as("a new log after a crash: its offsets start anew").containsExactlyElementsOf(ids(0, 5));

        RequestLogPosition position = new RequestLogPosition(1, log.generation(), 3);
        RequestLogPosition copy = RequestLogPosition.Serializer.INSTANCE.deserialize(1,
                RequestLogPosition.Serializer.INSTANCE.serialize(position));
        assertThat(copy).isEqualTo(position);
        RequestLogReader again = new RequestLogReader(log, 1, admission);
        again.addSplits(List.of(copy));
        again.start();
        assertThat(drain(again)).containsExactlyElementsOf(ids(3, 5));
    }

    @Test
    void aReaderRacingTheSubmittersMissesNoAppend() throws Exception {
        int perSubmitter = 20_000;
        RequestLogReader reader = new RequestLogReader(log, 0, admission);
        reader.start();
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int from = t * perSubmitter;
            submitters.add(new Thread(() -> append(from, from + perSubmitter)));
        }
        submitters.forEach(Thread::start);
        Collected out = new Collected();
        while (out.ids.size() < 3 * perSubmitter) {
            if (reader.pollNext(out) == InputStatus.NOTHING_AVAILABLE) {
                // as the task does: wait for the availability future; a lost wake-up would hang here
                reader.isAvailable().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }
        assertThat(out.ids).hasSize(3 * perSubmitter).doesNotHaveDuplicates();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    }

    @Test
    void pausesWhileItsSubtaskHasAsManyActiveTransactionsAsItsCapAndGoesOnWhenOneEnds() {
        admission.startAttempt(2);
        append(0, 4);
        RequestLogReader reader = new RequestLogReader(log, 0, admission);
        reader.start();
        Collected out = new Collected();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        admission.begun("t0"); // the request began a transaction at its root, in the same task
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        admission.begun("t1");

        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        CompletableFuture<Void> available = reader.isAvailable();
        assertThat(available).isNotDone();
        assertThat(out.ids).containsExactly("r0", "r1");

        admission.ended("t0");
        assertThat(available).isDone();
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        assertThat(out.ids).containsExactly("r0", "r1", "r2");
    }

    @Test
    void aRestoredReaderCountsAfreshAndRequestsThatBeginNoTransactionAreNotHeld() {
        admission.startAttempt(1);
        admission.begun("lost-with-the-failed-attempt");
        admission.startAttempt(1); // the next attempt's reader
        append(0, 3);
        RequestLogReader reader = new RequestLogReader(log, 0, admission);
        reader.start();
        assertThat(drain(reader)).containsExactly("r0", "r1", "r2");
        admission.ended("lost-with-the-failed-attempt"); // restored from the checkpoint and ended: not counted
        assertThat(admission.active()).isZero();
    }

    @Test
    void reportsTheRequestsNotReadYet() {
        RequestLogReader reader = new RequestLogReader(log, 0, admission);
        append(0, 5);
        assertThat(reader.requestsWaiting()).as("before it starts").isZero();
        reader.start();
        Collected out = new Collected();
        reader.pollNext(out);
        reader.pollNext(out);
        assertThat(reader.requestsWaiting()).isEqualTo(3);
        drain(reader);
        assertThat(reader.requestsWaiting()).isZero();
    }
}
