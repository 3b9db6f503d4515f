package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The binary form of an {@link Envelope}: a format version, then the fields, values through {@link ValueCodec}. */
public final class EnvelopeCodec {
    /** Bumped whenever the layout changes; checkpoints record it through the serializer snapshot. */
    public static final int VERSION = 2;
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
        writeValues(envelope.args(), out);
        ValueCodec.write(envelope.value(), out);
        out.writeShort(envelope.stack().size());
        for (Frame frame : envelope.stack()) {
            writeRef(frame.entity(), out);
            ValueCodec.writeString(frame.method(), out);
            out.writeInt(frame.block());
            writeValues(frame.locals(), out);
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
        String requestId = ValueCodec.readString(in);
        Envelope.Kind kind = KINDS[in.readByte()];
        EntityRef target = readRef(in);
        String method = in.readBoolean() ? ValueCodec.readString(in) : null;
        Object[] args = readValues(in);
        Object value = ValueCodec.read(in);
        int depth = in.readShort();
        List<Frame> stack = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            EntityRef entity = readRef(in);
            String frameMethod = ValueCodec.readString(in);
            int block = in.readInt();
            stack.add(new Frame(entity, frameMethod, block, readValues(in)));
        }
        return new Envelope(requestId, kind, target, method, args, value, stack, readTxn(in));
    }

    /**
     * A copy sharing nothing mutable with {@code envelope}: arguments, value and frame locals copied by
     * {@link ValueCodec#copy}; ids, names, references and the transaction context are immutable and shared.
     */
    public static Envelope copy(Envelope envelope) {
        List<Frame> stack = new ArrayList<>(envelope.stack().size());
        for (Frame frame : envelope.stack()) {
            stack.add(new Frame(frame.entity(), frame.method(), frame.block(), ValueCodec.copyAll(frame.locals())));
        }
        return new Envelope(envelope.requestId(), envelope.kind(), envelope.target(), envelope.method(),
                ValueCodec.copyAll(envelope.args()), ValueCodec.copy(envelope.value()), stack, envelope.txn());
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

    private static void writeValues(Object[] values, DataOutput out) throws IOException {
        out.writeShort(values.length);
        for (Object value : values) {
            ValueCodec.write(value, out);
        }
    }

    private static Object[] readValues(DataInput in) throws IOException {
        Object[] values = new Object[in.readShort()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ValueCodec.read(in);
        }
        return values;
    }
}
