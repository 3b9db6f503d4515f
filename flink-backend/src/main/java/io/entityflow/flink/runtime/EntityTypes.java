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

    /**
     * The reference an entity created with these constructor arguments will have. The key is whatever the
     * constructor assigns, so the constructor runs here to learn it; constructors are pure by the language's
     * rules (no remote calls, no static state), so running it twice is wasted work, not a changed result.
     */
    public io.entityflow.ir.runtime.EntityRef refFor(String type, Object[] args) throws Throwable {
        return factory(type).create(args).$ref();
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
