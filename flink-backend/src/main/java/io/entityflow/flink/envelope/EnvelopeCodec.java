package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of an {@link Envelope}: ids, kind and addresses, then the values (arguments, result,
 * inline frame locals) as one graph through a {@link ValueWriter}, so one message keeps the sharing
 * between its values (a list passed twice arrives as one list, twice).
 */
public final class EnvelopeCodec {
    /**
     * Bumped whenever the layout changes; checkpoints record it through the serializer snapshot.
     * 3: values as one graph, frames by slot (locals stored at their entity), exceptions as values.
     */
    public static final int VERSION = 3;
    /** The oldest format this version still reads. */
    public static final int OLDEST_READABLE = 2;
    private static final Envelope.Kind[] KINDS = Envelope.Kind.values();

    private EnvelopeCodec() {
    }

    public static void write(Envelope envelope, DataOutput out) throws IOException {
        ValueCodec.writeString(envelope.requestId(), out);
        out.writeByte(envelope.kind().ordinal());
        writeRef(envelope.target(), out);
        out.writeBoolean(envelope.method() != null);
        if (envelope.method() != null) {
            ValueCodec.writeString(envelope.method(), out);
        }
        ValueWriter values = new ValueWriter(out);
        writeValues(envelope.args(), values, out);
        values.write(envelope.value());
        out.writeShort(envelope.stack().size());
        for (Frame frame : envelope.stack()) {
            writeRef(frame.entity(), out);
            ValueCodec.writeString(frame.method(), out);
            out.writeInt(frame.block());
            out.writeLong(frame.slot());
            if (!frame.isStored()) {
                writeValues(frame.locals(), values, out);
            }
        }
        writeTxn(envelope.txn(), out);
    }

    public static void writeTxn(Txn txn, DataOutput out) throws IOException {
        out.writeBoolean(txn != null);
        if (txn == null) {
            return;
        }
        out.writeLong(txn.ts());
        ValueCodec.writeString(txn.id(), out);
        out.writeInt(txn.attempt());
        writeRef(txn.root(), out);
        out.writeShort(txn.rootDepth());
        out.writeShort(txn.participants().size());
        for (EntityRef participant : txn.participants()) {
            writeRef(participant, out);
        }
    }

    public static Txn readTxn(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long ts = in.readLong();
        String id = ValueCodec.readString(in);
        int attempt = in.readInt();
        EntityRef root = readRef(in);
        int rootDepth = in.readShort();
        int count = in.readShort();
        List<EntityRef> participants = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            participants.add(readRef(in));
        }
        return new Txn(ts, id, attempt, root, rootDepth, participants);
    }

    public static Envelope read(DataInput in) throws IOException {
        return read(in, VERSION);
    }

    /** Reads an envelope written in format {@code version} (this one or {@link #OLDEST_READABLE} and later). */
    public static Envelope read(DataInput in, int version) throws IOException {
        boolean formatTwo = version == 2;
        String requestId = ValueCodec.readString(in);
        Envelope.Kind kind = KINDS[in.readByte()];
        EntityRef target = readRef(in);
        String method = in.readBoolean() ? ValueCodec.readString(in) : null;
        // format 2 wrote every value as a graph of its own
        ValueReader shared = formatTwo ? null : new ValueReader(in);
        Object[] args = readValues(in, shared);
        Object value = valueReader(in, shared).read();
        int depth = in.readShort();
        List<Frame> stack = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            EntityRef entity = readRef(in);
            String frameMethod = ValueCodec.readString(in);
            int block = in.readInt();
            long slot = formatTwo ? Frame.INLINE : in.readLong();
            stack.add(slot == Frame.INLINE ? new Frame(entity, frameMethod, block, readValues(in, shared))
                    : Frame.stored(entity, frameMethod, block, slot));
        }
        return new Envelope(requestId, kind, target, method, args, value, stack, readTxn(in));
    }

    private static ValueReader valueReader(DataInput in, ValueReader shared) {
        return shared != null ? shared : new ValueReader(in, true);
    }

    /**
     * A copy sharing nothing mutable with {@code envelope}, as a round trip through {@link #write} and
     * {@link #read} gives: arguments, value and frame locals copied as one graph (a value they share stays
     * shared); ids, names, references and the transaction context are immutable and shared. An envelope
     * holding immutable values only (most do) is its own copy.
     */
    public static Envelope copy(Envelope envelope) {
        if (allImmutable(envelope)) {
            return envelope;
        }
        ValueCopier graph = new ValueCopier();
        List<Frame> stack = new ArrayList<>(envelope.stack().size());
        Object[] args = ValueCodec.copyAll(envelope.args(), graph);
        Object value = graph.copy(envelope.value());
        for (Frame frame : envelope.stack()) {
            stack.add(frame.isStored() ? frame
                    : new Frame(frame.entity(), frame.method(), frame.block(), ValueCodec.copyAll(frame.locals(), graph)));
        }
        return new Envelope(envelope.requestId(), envelope.kind(), envelope.target(), envelope.method(), args, value,
                stack, envelope.txn());
    }

    private static boolean allImmutable(Envelope envelope) {
        if (!ValueCodec.isImmutable(envelope.value()) || !allImmutable(envelope.args())) {
            return false;
        }
        for (Frame frame : envelope.stack()) {
            if (!frame.isStored() && !allImmutable(frame.locals())) {
                return false;
            }
        }
        return true;
    }

    private static boolean allImmutable(Object[] values) {
        for (Object value : values) {
            if (!ValueCodec.isImmutable(value)) {
                return false;
            }
        }
        return true;
    }

    private static void writeRef(EntityRef ref, DataOutput out) throws IOException {
        out.writeBoolean(ref != null);
        if (ref != null) {
            ValueCodec.writeString(ref.type(), out);
            ValueCodec.write(ref.key(), out);
        }
    }

    private static EntityRef readRef(DataInput in) throws IOException {
        return in.readBoolean() ? new EntityRef(ValueCodec.readString(in), ValueCodec.read(in)) : null;
    }

    private static void writeValues(Object[] values, ValueWriter writer, DataOutput out) throws IOException {
        out.writeShort(values.length);
        for (Object value : values) {
            writer.write(value);
        }
    }

    private static Object[] readValues(DataInput in, ValueReader shared) throws IOException {
        Object[] values = new Object[in.readShort()];
        for (int i = 0; i < values.length; i++) {
            values[i] = valueReader(in, shared).read();
        }
        return values;
    }
}
