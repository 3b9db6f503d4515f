package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One message of the dataflow. A CALL or CREATE travels to {@code target}; a RETURN travels to the entity
 * of the top frame of {@code stack} (or, with an empty stack, out to the client that sent request
 * {@code requestId}). {@code stack} holds the suspended callers, innermost first.
 *
 * @param requestId the client request this message belongs to (the idempotency key, or one made for it)
 * @param kind      what the message asks for
 * @param target    the entity a CALL or CREATE is for; for RETURN, the entity that produced the value
 * @param method    the method to call (CALL only)
 * @param args      call or constructor arguments (CALL, CREATE)
 * @param value     the result, or a {@link io.entityflow.ir.runtime.RemoteFailure} (RETURN only)
 * @param stack     the callers waiting for this message's result, innermost first
 * @param txn       the transaction this message is part of, or null
 */
public record Envelope(String requestId, Kind kind, EntityRef target, String method, Object[] args, Object value,
                       List<Frame> stack, Txn txn) {

    /**
     * CALL, CREATE and RETURN run entity code; the others are the transaction protocol's, sent to
     * {@code target}: COMMIT and ROLLBACK end {@code txn} at a participant, ABORTED tells the root that
     * {@code txn} lost a conflict ({@code value} says which), RESTART that the entity where it lost has
     * since changed hands, so a retry may succeed.
     */
    public enum Kind { CALL, CREATE, RETURN, COMMIT, ROLLBACK, ABORTED, RESTART }

    public Envelope {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(kind, "kind");
        args = args == null ? new Object[0] : args;
        stack = List.copyOf(stack);
    }

    public Envelope(String requestId, Kind kind, EntityRef target, String method, Object[] args, Object value,
                    List<Frame> stack) {
        this(requestId, kind, target, method, args, value, stack, null);
    }

    public static Envelope call(String requestId, EntityRef target, String method, Object[] args, List<Frame> stack) {
        return new Envelope(requestId, Kind.CALL, target, method, args, null, stack);
    }

    public static Envelope create(String requestId, EntityRef target, Object[] args, List<Frame> stack) {
        return new Envelope(requestId, Kind.CREATE, target, null, args, null, stack);
    }

    public static Envelope result(String requestId, EntityRef from, Object value, List<Frame> stack) {
        return new Envelope(requestId, Kind.RETURN, from, null, null, value, stack);
    }

    /** A transaction protocol message (COMMIT, ROLLBACK, ABORTED) for {@code to}. */
    public static Envelope protocol(Kind kind, EntityRef to, Txn txn, Object value) {
        return new Envelope(txn.id(), kind, to, null, null, value, List.of(), txn);
    }

    public Envelope withRequestId(String id) {
        return new Envelope(id, kind, target, method, args, value, stack, txn);
    }

    public Envelope withTxn(Txn transaction) {
        return new Envelope(requestId, kind, target, method, args, value, stack, transaction);
    }

    /** Where this message is processed: the callee, or the caller being resumed; null for the client. */
    public EntityRef destination() {
        if (kind != Kind.RETURN) {
            return target; // calls, creates and the protocol's messages
        }
        return stack.isEmpty() ? null : stack.get(0).entity();
    }

    /** The key Flink partitions by: entity type and key, so one entity is always on one subtask. */
    public String destinationKey() {
        EntityRef destination = destination();
        return destination == null ? "" : destination.path();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope e && requestId.equals(e.requestId) && kind == e.kind
                && Objects.equals(target, e.target) && Objects.equals(method, e.method)
                && Arrays.deepEquals(args, e.args) && Objects.deepEquals(value, e.value) && stack.equals(e.stack)
                && Objects.equals(txn, e.txn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, kind, target, method, Arrays.deepHashCode(args), stack);
    }

    @Override
    public String toString() {
        return kind + "[" + requestId + " " + target + (method == null ? "" : "." + method) + Arrays.deepToString(args)
                + (kind == Kind.RETURN ? " = " + value : "") + " stack=" + stack + (txn == null ? "" : " " + txn) + "]";
    }
}
