package io.entityflow.flink.envelope;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the classes of entity programs (records, enums, exceptions named in messages) by name: through
 * the thread's context class loader (Flink's user-code class loader in tasks), then through the class
 * loaders of programs compiled in this JVM (the embedded default compiles entities in memory).
 */
public final class UserClasses {
    private static final List<ClassLoader> PROGRAM_LOADERS = new CopyOnWriteArrayList<>();
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
            "boolean", boolean.class, "double", double.class, "float", float.class, "char", char.class,
            "byte", byte.class, "short", short.class);

    /**
     * What each name was last found as, and under which context loader and generation: values name their class in
     * every record, enum and exception they hold, and {@link Class#forName} through Flink's user-code loader took a
     * few percent of a loop task's time reading checkout orders. Weak references only: a cancelled job's loader and
     * classes must not stay reachable from here.
     */
    private static final Map<String, Found> FOUND = new ConcurrentHashMap<>();

    /** Bumped whenever the registered programs change: caches of classes found by name start over. */
    private static volatile int generation;

    private record Found(WeakReference<ClassLoader> context, WeakReference<Class<?>> type, int generation) {
        Class<?> typeIfStillValid(ClassLoader currentContext, int currentGeneration) {
            return generation == currentGeneration && context.get() == currentContext ? type.get() : null;
        }
    }

    private UserClasses() {
    }

    /** Changes whenever a program is registered or unregistered. */
    public static int generation() {
        return generation;
    }

    /** Makes an in-memory compiled program's classes findable by name in this JVM. */
    public static void register(ClassLoader programLoader) {
        if (!PROGRAM_LOADERS.contains(programLoader)) {
            // the newest program first: a class name it shares with an earlier one means its own class now
            PROGRAM_LOADERS.add(0, programLoader);
            generation++;
        }
    }

    public static void unregister(ClassLoader programLoader) {
        if (PROGRAM_LOADERS.remove(programLoader)) {
            generation++;
        }
    }

    public static Class<?> forName(String name) throws ClassNotFoundException {
        Class<?> primitive = PRIMITIVES.get(name);
        if (primitive != null) {
            return primitive;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        int current = generation;
        Found found = FOUND.get(name);
        Class<?> known = found == null ? null : found.typeIfStillValid(context, current);
        if (known != null) {
            return known;
        }
        Class<?> type = find(name, context);
        FOUND.put(name, new Found(new WeakReference<>(context), new WeakReference<>(type), current));
        return type;
    }

    private static Class<?> find(String name, ClassLoader context) throws ClassNotFoundException {
        try {
            return Class.forName(name, false, context != null ? context : UserClasses.class.getClassLoader());
        } catch (ClassNotFoundException notInContext) {
            for (ClassLoader loader : PROGRAM_LOADERS) {
                try {
                    return Class.forName(name, false, loader);
                } catch (ClassNotFoundException ignored) {
                    // try the next program
                }
            }
            throw notInContext;
        }
    }

    /** A loader that sees the program classes too, for rebuilding exceptions by name. */
    public static ClassLoader loader() {
        return new ClassLoader(Thread.currentThread().getContextClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                return UserClasses.forName(name);
            }
        };
    }
}
