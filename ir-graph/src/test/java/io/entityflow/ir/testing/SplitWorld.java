package io.entityflow.ir.testing;

import io.entityflow.ir.runtime.EntityFactory;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.runtime.Step;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generated split code driven by an in-memory message loop (test code only; the product's engine is
 * Flink): each call runs blocks until a step asks for another entity, whose result resumes the caller.
 * Arguments and results are copied as serialisation would copy them.
 */
final class SplitWorld implements SplitRuntime {
    private record Continuation(SplitEntity entity, String method, int block, Object[] frame) {
    }

    private final ClassLoader loader;
    private final Map<EntityRef, SplitEntity> entities = new LinkedHashMap<>();

    SplitWorld(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public Outcome create(String type, Object... args) {
        Object result = createEntity(type, copy(args));
        return Outcome.returned(result);
    }

    private EntityFactory factory(String type) {
        try {
            return (EntityFactory) Class.forName(type + "$$Factory", true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object createEntity(String type, Object[] args) {
        try {
            SplitEntity entity = factory(type).create(args);
            EntityRef ref = entity.$ref();
            if (entities.containsKey(ref)) {
                return new RemoteFailure("io.entityflow.api.EntityExistsException", "entity " + ref + " already exists");
            }
            entities.put(ref, entity);
            return ref;
        } catch (Throwable t) {
            return RemoteFailure.of(t);
        }
    }

    @Override
    public Outcome call(EntityRef target, String method, Object... args) {
        Deque<Continuation> stack = new ArrayDeque<>();
        SplitEntity entity = entities.get(target);
        if (entity == null) {
            return Outcome.failure("io.entityflow.api.NoSuchEntityException", "no entity " + target);
        }
        String currentMethod = method;
        int block = 0;
        Object[] frame = copy(args);
        Object input = null;
        while (true) {
            Object returned;
            try {
                Step step = entity.$invoke(currentMethod, block, frame, input);
                if (step instanceof Step.Call call) {
                    stack.push(new Continuation(entity, currentMethod, call.resumeBlock(), call.frame()));
                    SplitEntity callee = entities.get(call.target());
                    if (callee == null) {
                        returned = new RemoteFailure("io.entityflow.api.NoSuchEntityException", "no entity " + call.target());
                    } else {
                        entity = callee;
                        currentMethod = call.method();
                        block = 0;
                        frame = copy(call.args());
                        input = null;
                        continue;
                    }
                } else if (step instanceof Step.Create create) {
                    stack.push(new Continuation(entity, currentMethod, create.resumeBlock(), create.frame()));
                    returned = createEntity(create.entityType(), copy(create.args()));
                } else {
                    returned = copyValue(((Step.Done) step).value());
                }
            } catch (Throwable t) {
                returned = RemoteFailure.of(t);
            }
            if (stack.isEmpty()) {
                return Outcome.returned(returned);
            }
            Continuation caller = stack.pop();
            entity = caller.entity();
            currentMethod = caller.method();
            block = caller.block();
            // as in the real runtime, a suspended frame keeps its locals at its entity: the same objects
            frame = caller.frame();
            input = returned;
        }
    }

    @Override
    public Map<EntityRef, Map<String, Object>> rawState() {
        Map<EntityRef, Map<String, Object>> state = new LinkedHashMap<>();
        entities.forEach((ref, entity) -> {
            Map<String, Object> fields = entity.$state();
            // every state dump also checks that the generated restore rebuilds the entity field for field
            SplitEntity restored = factory(ref.type()).restore(fields.values().toArray());
            if (!restored.$state().equals(fields) || !restored.$ref().equals(ref)) {
                throw new AssertionError("restore of " + ref + " gave " + restored.$state() + ", saved " + fields);
            }
            state.put(ref, fields);
        });
        return state;
    }

    private static Object[] copy(Object[] args) {
        Object[] copy = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            copy[i] = copyValue(args[i]);
        }
        return copy;
    }

    private static Object copyValue(Object value) {
        return Values.copy(value);
    }
}
