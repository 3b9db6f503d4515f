package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.gateway.EntityJson;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.flink.txn.EntityLock;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.runtime.SuspendedFrames;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON the page shows of an entity's state: its fields, the invocations suspended at it (method, block,
 * saved locals by name, the call each waits for, its transaction), its lock (holders, waiting envelopes),
 * and which fields an open transaction changed (uncommitted: the lock holds the image from before).
 * Built from live objects on the task thread, or from objects read from bytes.
 */
public final class EntityViews {
    private final ObjectMapper mapper = EntityJson.newMapper();
    private final ProgramShape program;

    public EntityViews(ProgramShape program) {
        this.program = program;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The fields as a JSON object (values as the gateway shows them). */
    public ObjectNode fields(SplitEntity entity) {
        ObjectNode fields = mapper.createObjectNode();
        for (Map.Entry<String, Object> field : entity.$state().entrySet()) {
            fields.set(field.getKey(), value(field.getValue()));
        }
        return fields;
    }

    private JsonNode value(Object value) {
        try {
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return mapper.getNodeFactory().textNode(String.valueOf(value));
        }
    }

    public ArrayNode suspended(String type, SplitEntity entity) {
        ArrayNode frames = mapper.createArrayNode();
        for (Map.Entry<Long, SuspendedFrames.Suspended> entry : entity.$suspended().all().entrySet()) {
            SuspendedFrames.Suspended frame = entry.getValue();
            ObjectNode view = frames.addObject().put("slot", entry.getKey()).put("method", frame.method())
                    .put("block", frame.block()).put("transaction", frame.transaction());
            view.put("awaits", program.awaitedCall(type, frame.method(), frame.block()));
            List<String> names = program.savedLocals(type, frame.method(), frame.block());
            ObjectNode locals = view.putObject("locals");
            Object[] values = frame.locals();
            for (int i = 0; i < values.length; i++) {
                locals.set(i < names.size() ? names.get(i) : "#" + i, value(values[i]));
            }
        }
        return frames;
    }

    public ObjectNode lock(EntityLock lock) {
        ObjectNode view = mapper.createObjectNode();
        if (lock == null) {
            return view.put("held", false);
        }
        view.put("held", lock.isHeld());
        if (lock.exclusive() != null) {
            view.set("exclusive", txn(lock.exclusive()));
        }
        ArrayNode shared = view.putArray("shared");
        lock.shared().forEach(t -> shared.add(txn(t)));
        ArrayNode waiting = view.putArray("waiting");
        lock.waiting().forEach(e -> waiting.add(envelope(e)));
        return view;
    }

    private ObjectNode txn(io.entityflow.flink.envelope.Txn txn) {
        return mapper.createObjectNode().put("id", txn.id()).put("attempt", txn.attempt())
                .put("root", txn.root().path());
    }

    public ObjectNode envelope(Envelope envelope) {
        ObjectNode view = mapper.createObjectNode().put("request", envelope.requestId()).put("kind", envelope.kind().name());
        if (envelope.method() != null) {
            view.put("method", envelope.method());
        }
        if (envelope.txn() != null) {
            view.put("transaction", envelope.txn().id());
        }
        return view;
    }

    /**
     * Names the fields an open transaction changed: the lock's undo image is the committed state; what
     * differs from it now is uncommitted. Empty when no transaction holds the entity exclusively.
     */
    public ObjectNode uncommitted(SplitEntity entity, EntityLock lock, ObjectNode fields) {
        ObjectNode view = mapper.createObjectNode();
        if (lock == null || lock.exclusive() == null || (lock.undo() == null && !lock.absentBefore())) {
            return view.put("open", false);
        }
        view.put("open", true).put("transaction", lock.exclusive().id());
        if (lock.absentBefore()) {
            return view.put("created", true);
        }
        try {
            SplitEntity before = EntityStateSerializer.INSTANCE.fromBytes(lock.undo());
            ObjectNode committed = fields(before);
            ArrayNode changed = view.putArray("fields");
            for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.get(name).equals(committed.get(name))) {
                    changed.add(name);
                }
            }
            view.set("committed", committed);
        } catch (IOException e) {
            view.put("error", "the committed image cannot be read: " + e.getMessage());
        }
        return view;
    }
}
