package io.entityflow.flink.inspect;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The serializer of a queryable heap state: the same format as {@code delegate} (its snapshot is the
 * delegate's, so checkpoints and savepoints do not change), but when Flink's queryable-state server thread
 * serializes or copies a value, which with the heap backend is the live object the task thread mutates in
 * place, the work runs on the task thread ({@link TaskThread}) and the query gets a consistent image.
 * Every other caller (the task thread itself, asynchronous snapshots, which only see values no longer
 * mutated) runs as before.
 */
public final class QueryableSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;
    /** Flink names its queryable-state server threads "Flink Queryable State Server (EventLoop) Thread N". */
    private static final String QUERY_THREAD_PREFIX = "Flink Queryable State Server";
    private static final Duration TASK_WAIT = Duration.ofSeconds(5);
    private final TypeSerializer<T> delegate;
    private final transient TaskThread taskThread;

    public QueryableSerializer(TypeSerializer<T> delegate, TaskThread taskThread) {
        this.delegate = Objects.requireNonNull(delegate);
        this.taskThread = taskThread;
    }

    private boolean onQueryThread() {
        return taskThread != null && !taskThread.isCurrent() && Thread.currentThread().getName().startsWith(QUERY_THREAD_PREFIX);
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        if (!onQueryThread()) {
            delegate.serialize(record, target);
            return;
        }
        TypeSerializer<T> serializer = delegate.duplicate();
        byte[] image = taskThread.call(() -> {
            try {
                DataOutputSerializer out = new DataOutputSerializer(256);
                serializer.serialize(record, out);
                return out.getCopyOfBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, TASK_WAIT);
        target.write(image);
    }

    @Override
    public T copy(T from) {
        if (!onQueryThread()) {
            return delegate.copy(from);
        }
        TypeSerializer<T> serializer = delegate.duplicate();
        return taskThread.call(() -> serializer.copy(from), TASK_WAIT);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public boolean isImmutableType() {
        return delegate.isImmutableType();
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<T> copy = delegate.duplicate();
        return copy == delegate ? this : new QueryableSerializer<>(copy, taskThread);
    }

    @Override
    public T createInstance() {
        return delegate.createInstance();
    }

    @Override
    public int getLength() {
        return delegate.getLength();
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return delegate.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return delegate.deserialize(reuse, source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        delegate.copy(source, target);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueryableSerializer<?> that && delegate.equals(that.delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return delegate.snapshotConfiguration();
    }
}
