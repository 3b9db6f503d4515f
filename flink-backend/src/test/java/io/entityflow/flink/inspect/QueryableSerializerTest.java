package io.entityflow.flink.inspect;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.function.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class QueryableSerializerTest {
    private final ExecutorService taskThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "task"));
    private final AtomicReference<String> serializedOn = new AtomicReference<>();

    /** A mailbox that runs mails on the "task" thread. */
    private final MailboxExecutor mailbox = new MailboxExecutor() {
        @Override
        public void execute(MailOptions options, ThrowingRunnable<? extends Exception> command, String format, Object... args) {
            taskThread.execute(() -> {
                try {
                    command.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void yield() {
        }

        @Override
        public boolean tryYield() {
            return false;
        }

        @Override
        public boolean shouldInterrupt() {
            return false;
        }
    };

    /** Strings, recording the thread it serialises on. */
    private final TypeSerializerSingleton<String> recording = new TypeSerializerSingleton<>() {
        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public String createInstance() {
            return "";
        }

        @Override
        public String copy(String from) {
            return from;
        }

        @Override
        public String copy(String from, String reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(String record, DataOutputView target) throws IOException {
            serializedOn.set(Thread.currentThread().getName());
            StringSerializer.INSTANCE.serialize(record, target);
        }

        @Override
        public String deserialize(DataInputView source) throws IOException {
            return StringSerializer.INSTANCE.deserialize(source);
        }

        @Override
        public String deserialize(String reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            StringSerializer.INSTANCE.copy(source, target);
        }

        @Override
        public TypeSerializerSnapshot<String> snapshotConfiguration() {
            return StringSerializer.INSTANCE.snapshotConfiguration();
        }
    };

    @AfterEach
    void stop() {
        taskThread.shutdownNow();
    }

    private String serializeOn(String threadName, QueryableSerializer<String> serializer) throws Exception {
        AtomicReference<byte[]> bytes = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                DataOutputSerializer out = new DataOutputSerializer(32);
                serializer.serialize("value", out);
                bytes.set(out.getCopyOfBuffer());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threadName);
        thread.start();
        thread.join();
        return serializer.deserialize(new DataInputDeserializer(bytes.get()));
    }

    @Test
    void aQueryServerThreadSerialisesOnTheTaskThreadInTheSameFormat() throws Exception {
        Thread task = taskThread.submit(Thread::currentThread).get();
        QueryableSerializer<String> serializer = new QueryableSerializer<>(recording, new TaskThread(mailbox, task));
        assertThat(serializeOn("Flink Queryable State Server Thread 3", serializer)).isEqualTo("value");
        assertThat(serializedOn.get()).isEqualTo("task");
    }

    @Test
    void everyOtherThreadSerialisesAsBefore() throws Exception {
        Thread task = taskThread.submit(Thread::currentThread).get();
        QueryableSerializer<String> serializer = new QueryableSerializer<>(recording, new TaskThread(mailbox, task));
        assertThat(serializeOn("AsyncOperations-thread-1", serializer)).isEqualTo("value");
        assertThat(serializedOn.get()).isEqualTo("AsyncOperations-thread-1");
    }

    @Test
    void checkpointsSeeTheDelegatesSnapshotSoStateStaysCompatible() {
        QueryableSerializer<String> serializer = new QueryableSerializer<>(StringSerializer.INSTANCE, null);
        assertThat(serializer.snapshotConfiguration().getClass()).isEqualTo(StringSerializer.INSTANCE.snapshotConfiguration().getClass());
        assertThat(serializer).isEqualTo(new QueryableSerializer<>(StringSerializer.INSTANCE, null));
    }
}
