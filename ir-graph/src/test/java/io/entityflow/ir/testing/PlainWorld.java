package io.entityflow.ir.testing;

import io.entityflow.api.Key;
import io.entityflow.ir.runtime.EntityRef;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/** The program as plain Java objects: the reference semantics entityflow must reproduce. */
final class PlainWorld {
    private final ClassLoader loader;
    private final Map<EntityRef, Object> entities = new LinkedHashMap<>();

    PlainWorld(ClassLoader loader) {
        this.loader = loader;
    }

    Outcome create(String type, Object... args) {
        try {
            Class<?> entityClass = Class.forName(type, true, loader);
            Object[] plainArgs = toPlain(args);
            for (Constructor<?> constructor : entityClass.getConstructors()) {
                if (constructor.getParameterCount() == args.length) {
                    Object entity = constructor.newInstance(plainArgs);
                    EntityRef ref = refOf(entity);
                    if (entities.containsKey(ref)) {
                        return Outcome.failure("io.entityflow.api.EntityExistsException", "entity " + ref + " already exists");
                    }
                    entities.put(ref, entity);
                    return Outcome.value(ref);
                }
            }
            throw new IllegalArgumentException("no constructor with " + args.length + " arguments in " + type);
        } catch (InvocationTargetException e) {
            return Outcome.failure(e.getCause().getClass().getName(), e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    Outcome call(EntityRef target, String method, Object... args) {
        Object entity = entities.get(target);
        if (entity == null) {
            return Outcome.failure("io.entityflow.api.NoSuchEntityException", "no entity " + target);
        }
        for (Method m : entity.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length && !Modifier.isStatic(m.getModifiers())) {
                try {
                    Object result = m.invoke(entity, toPlain(args));
                    registerNewEntities();
                    return Outcome.value(Values.map(result, this::toRef));
                } catch (InvocationTargetException e) {
                    registerNewEntities();
                    return Outcome.failure(e.getCause().getClass().getName(), e.getCause().getMessage());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no method " + method + " on " + target);
    }

    /** Entities created by entity code (`new Item(...)`) are found through the references held in state. */
    private void registerNewEntities() {
        boolean added = true;
        while (added) {
            added = false;
            for (Object entity : entities.values().toArray()) {
                for (Object value : fields(entity).values()) {
                    added |= registerReachable(value);
                }
            }
        }
    }

    private boolean registerReachable(Object value) {
        boolean[] added = {false};
        Values.map(value, leaf -> {
            if (leaf != null && isEntity(leaf.getClass()) && !entities.containsKey(refOf(leaf))) {
                entities.put(refOf(leaf), leaf);
                added[0] = true;
            }
            return leaf;
        });
        return added[0];
    }

    Map<EntityRef, Map<String, Object>> state() {
        Map<EntityRef, Map<String, Object>> state = new LinkedHashMap<>();
        entities.forEach((ref, entity) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields(entity).forEach((name, value) -> fields.put(name, Values.comparable(Values.map(value, this::toRef))));
            state.put(ref, fields);
        });
        return state;
    }

    private Map<String, Object> fields(Object entity) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field field : entity.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                field.setAccessible(true);
                fields.put(field.getName(), field.get(entity));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return fields;
    }

    private Object[] toPlain(Object[] args) {
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = Values.map(args[i], v -> v instanceof EntityRef ref ? entities.get(ref) : v);
        }
        return plain;
    }

    private Object toRef(Object value) {
        return value != null && isEntity(value.getClass()) ? refOf(value) : value;
    }

    private static boolean isEntity(Class<?> type) {
        return type.getAnnotations().length > 0 && java.util.Arrays.stream(type.getAnnotations())
                .anyMatch(a -> a.annotationType().getName().equals("io.entityflow.api.Entity"));
    }

    static EntityRef refOf(Object entity) {
        for (Field field : entity.getClass().getDeclaredFields()) {
            if (field.isAnnotationPresent(Key.class)) {
                try {
                    field.setAccessible(true);
                    return new EntityRef(entity.getClass().getName(), field.get(entity));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no @Key in " + entity.getClass());
    }
}
