package io.entityflow.flink.runtime;

import io.entityflow.ir.runtime.EntityFactory;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the generated factory of an entity type by its qualified name ({@code shop.User} →
 * {@code shop.User$$Factory}) in the class loader of the compiled program.
 */
public final class EntityTypes implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient Map<String, EntityFactory> factories = new ConcurrentHashMap<>();
    private transient ClassLoader loader;

    public EntityTypes(ClassLoader loader) {
        this.loader = loader;
    }

    public EntityFactory factory(String type) {
        if (factories == null) {
            factories = new ConcurrentHashMap<>();
        }
        return factories.computeIfAbsent(type, this::load);
    }

    private EntityFactory load(String type) {
        try {
            // after Flink deserialises an operator the loader is gone: find the program by name then
            Class<?> factory = loader != null ? Class.forName(type + "$$Factory", true, loader)
                    : io.entityflow.flink.envelope.UserClasses.forName(type + "$$Factory");
            return (EntityFactory) factory.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("no entity type " + type + " in this program", e);
        }
    }
}
