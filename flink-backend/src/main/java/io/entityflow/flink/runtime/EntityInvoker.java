package io.entityflow.flink.runtime;

import io.entityflow.api.EntityException;
import io.entityflow.api.EntityExistsException;
import io.entityflow.api.NoSuchEntityException;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.Frame;
import io.entityflow.flink.envelope.Txn;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.runtime.Step;
import io.entityflow.ir.runtime.SuspendedFrames;

import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's core, free of Flink: handles one envelope at the entity it is addressed to, running the
 * generated split code from the right block, and turns the step it ends with into the next envelopes.
 * A call to the entity itself (a suspending local call) runs at once, in the same event: no other
 * event for this entity can come between, which is one of the interleavings the language allows.
 */
public final class EntityInvoker implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The built-in read of an entity's fields (no user method can be called this: `$` is not used by users). */
    public static final String STATE = "$state";
    private final EntityTypes types;

    public EntityInvoker(EntityTypes types) {
        this.types = types;
    }

    /**
     * @param envelope addressed to {@code self} (a CALL or CREATE for it, or a RETURN to its suspended frame)
     * @param self     the entity's reference
     * @param entity   its current state, or null when it does not exist
     */
    public Invocation handle(Envelope envelope, EntityRef self, SplitEntity entity) {
        List<Envelope> outputs = new ArrayList<>(1);
        switch (envelope.kind()) {
            case CREATE -> {
                if (entity != null) {
                    outputs.add(fail(envelope, self, envelope.stack(), EntityExistsException.class, "entity " + self + " already exists"));
                    return new Invocation(entity, false, outputs);
                }
                try {
                    SplitEntity createdEntity = types.factory(self.type()).create(envelope.args());
                    if (!createdEntity.$ref().equals(self)) {
                        outputs.add(fail(envelope, self, envelope.stack(), EntityException.class, "constructor of " + self.type()
                                + " set key " + createdEntity.$ref().key() + " but the entity was created as " + self.key()));
                        return new Invocation(null, false, outputs);
                    }
                    outputs.add(Envelope.result(envelope.requestId(), self, self, envelope.stack()));
                    return new Invocation(createdEntity, true, outputs);
                } catch (Throwable t) {
                    outputs.add(Envelope.result(envelope.requestId(), self, RemoteFailure.of(t), envelope.stack()));
                    return new Invocation(null, false, outputs);
                }
            }
            case CALL -> {
                if (entity == null) {
                    outputs.add(fail(envelope, self, envelope.stack(), NoSuchEntityException.class, "no entity " + self));
                    return new Invocation(null, false, outputs);
                }
                if (STATE.equals(envelope.method())) {
                    outputs.add(Envelope.result(envelope.requestId(), self, new java.util.LinkedHashMap<>(entity.$state()),
                            envelope.stack()));
                    return new Invocation(entity, false, outputs);
                }
                run(envelope, entity, envelope.method(), 0, envelope.args(), null, envelope.stack(), outputs);
                return new Invocation(entity, false, outputs);
            }
            default -> {
                List<Frame> rest = envelope.stack().subList(1, envelope.stack().size());
                if (entity == null) {
                    outputs.add(fail(envelope, self, rest, NoSuchEntityException.class, "entity " + self + " disappeared while waiting for a result"));
                    return new Invocation(null, false, outputs);
                }
                Frame frame = envelope.stack().get(0);
                Object[] locals = localsOf(frame, entity);
                if (locals == null) {
                    outputs.add(fail(envelope, self, rest, EntityException.class, lostFrame(frame)));
                    return new Invocation(entity, false, outputs);
                }
                run(envelope, entity, frame.method(), frame.block(), locals, envelope.value(), rest, outputs);
                return new Invocation(entity, false, outputs);
            }
        }
    }

    /** The locals of a frame to resume: its own, or those stored at the entity (taken out: a frame resumes once). */
    private static Object[] localsOf(Frame frame, SplitEntity entity) {
        if (!frame.isStored()) {
            return frame.locals();
        }
        SuspendedFrames.Suspended suspended = entity.$suspended().resume(frame.slot());
        return suspended == null ? null : suspended.locals();
    }

    private static String lostFrame(Frame frame) {
        return "entityflow lost the invocation of " + frame.entity() + "." + frame.method() + " waiting for this result"
                + " (slot " + frame.slot() + "); this is an entityflow bug";
    }

    private void run(Envelope envelope, SplitEntity entity, String method, int block, Object[] frame, Object input,
                     List<Frame> stack, List<Envelope> outputs) {
        String requestId = envelope.requestId();
        String transaction = transactionTag(envelope.txn());
        EntityRef self = entity.$ref();
        while (true) {
            Object returned;
            try {
                Step step = entity.$invoke(method, block, frame, input);
                if (step instanceof Step.Call call) {
                    List<Frame> deeper = push(new Frame(self, method, call.resumeBlock(), call.frame()), stack);
                    if (call.target().equals(self)) {
                        // run the callee now, with the caller's frame on the stack
                        stack = deeper;
                        method = call.method();
                        block = 0;
                        frame = call.args();
                        input = null;
                        continue;
                    }
                    outputs.add(Envelope.call(requestId, call.target(), call.method(), call.args(),
                            suspend(deeper, entity, transaction)));
                    return;
                } else if (step instanceof Step.Create create) {
                    EntityRef created;
                    try {
                        created = types.refFor(create.entityType(), create.args());
                    } catch (Throwable constructorFailed) {
                        // the constructor threw: the creating method resumes with that exception
                        block = create.resumeBlock();
                        frame = create.frame();
                        input = RemoteFailure.of(constructorFailed);
                        continue;
                    }
                    List<Frame> deeper = push(new Frame(self, method, create.resumeBlock(), create.frame()), stack);
                    outputs.add(Envelope.create(requestId, created, create.args(), suspend(deeper, entity, transaction)));
                    return;
                }
                returned = ((Step.Done) step).value();
            } catch (Throwable t) {
                returned = RemoteFailure.of(t);
            }
            if (!stack.isEmpty() && stack.get(0).entity().equals(self)) {
                // the caller is this entity (a local call that suspended): resume it here too
                Frame caller = stack.get(0);
                stack = stack.subList(1, stack.size());
                Object[] locals = localsOf(caller, entity);
                if (locals == null) {
                    outputs.add(Envelope.result(requestId, self, new RemoteFailure(EntityException.class.getName(),
                            lostFrame(caller)), stack));
                    return;
                }
                method = caller.method();
                block = caller.block();
                frame = locals;
                input = returned;
                continue;
            }
            outputs.add(Envelope.result(requestId, self, returned, stack));
            return;
        }
    }

    /**
     * The frames of this entity that leave with a message (the caller's, and those of local calls it is
     * inside) are stored at the entity; the message carries their slots. Their locals stay the live
     * objects they are, sharing with the entity's state and with each other.
     */
    private static List<Frame> suspend(List<Frame> stack, SplitEntity entity, String transaction) {
        for (Frame frame : stack) {
            if (!frame.isStored() && frame.entity().equals(entity.$ref())) {
                requireSavable(frame);
            }
        }
        List<Frame> stored = new ArrayList<>(stack.size());
        for (Frame frame : stack) {
            if (!frame.isStored() && frame.entity().equals(entity.$ref())) {
                long slot = entity.$suspended().suspend(frame.method(), frame.block(), frame.locals(), transaction);
                stored.add(Frame.stored(frame.entity(), frame.method(), frame.block(), slot));
            } else {
                stored.add(frame);
            }
        }
        return stored;
    }

    /**
     * A frame is checkpointed with its entity: a local that is no value (an {@code Object} local holding a
     * lock, a thread, a lambda) would make every checkpoint fail. Refused here, before anything is stored,
     * as an exception at the call — the method (and its transaction) fails, nothing else does.
     */
    private static void requireSavable(Frame frame) {
        for (Object local : frame.locals()) {
            if (!io.entityflow.flink.envelope.ValueCodec.isSavable(local)) {
                throw new IllegalArgumentException("a local of " + frame.entity().type().substring(
                        frame.entity().type().lastIndexOf('.') + 1) + "." + frame.method() + " holds a "
                        + local.getClass().getName() + ", which cannot be saved across the remote call (entity state,"
                        + " arguments and saved locals must be values, see EF106)");
            }
        }
    }

    /** How frames name the transaction attempt they belong to (a rollback drops them), or null. */
    public static String transactionTag(Txn txn) {
        return txn == null ? null : txn.id() + "#" + txn.attempt();
    }

    private static List<Frame> push(Frame frame, List<Frame> stack) {
        List<Frame> deeper = new ArrayList<>(stack.size() + 1);
        deeper.add(frame);
        deeper.addAll(stack);
        return deeper;
    }

    private static Envelope fail(Envelope envelope, EntityRef self, List<Frame> stack, Class<? extends EntityException> type,
                                 String message) {
        return Envelope.result(envelope.requestId(), self, new RemoteFailure(type.getName(), message), stack);
    }
}
