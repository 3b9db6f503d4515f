package io.entityflow.flink.envelope;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Exceptions as values: what an exception of the program's own class holds besides its message and
 * cause (the fields its classes declare), and how one is rebuilt without running any of its constructors
 * — a constructor may compute, validate or format, so calling one with guessed arguments would not give
 * back the same object. Allocation follows Java serialization's rule (the constructor of the first class
 * that is not the program's runs instead: {@link Throwable}'s, with the saved message and cause).
 */
final class ExceptionValues {
    private static final ClassCache<Shape> SHAPES = new ClassCache<>(Shape::of);
    private static final Field DETAIL_MESSAGE = detailMessageField();

    private ExceptionValues() {
    }

    /** The state of one exception class: its own fields (the program's classes only) and its allocator. */
    record Shape(List<Field> fields, Constructor<?> allocator) {
        static Shape of(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Throwable.class && isProgramClass(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                        continue;
                    }
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
            return new Shape(List.copyOf(fields), allocator(type));
        }

        private static Constructor<?> allocator(Class<?> type) {
            try {
                Constructor<?> throwable = Throwable.class.getDeclaredConstructor(String.class, Throwable.class,
                        boolean.class, boolean.class);
                return sun.reflect.ReflectionFactory.getReflectionFactory().newConstructorForSerialization(type, throwable);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("Throwable has no (String, Throwable, boolean, boolean) constructor", e);
            }
        }
    }

    static Shape shape(Class<?> type) {
        return SHAPES.get(type);
    }

    /**
     * The message the exception was made with. {@code getMessage()} may be overridden to compute a text
     * from the fields; the stored message is read where the JVM lets us ({@code --add-opens
     * java.base/java.lang=ALL-UNNAMED}, which Flink's own scripts set), else {@code getMessage()}.
     */
    static String message(Throwable t) {
        if (DETAIL_MESSAGE != null) {
            try {
                return (String) DETAIL_MESSAGE.get(t);
            } catch (IllegalAccessException e) {
                return t.getMessage();
            }
        }
        return t.getMessage();
    }

    /** A new exception of {@code type} with this message and cause, no constructor of its own run. */
    static Throwable allocate(Class<?> type, String message, Throwable cause) throws ReflectiveOperationException {
        // suppression enabled, stack trace not writable: the thrower's stack trace stays where it was thrown
        return (Throwable) shape(type).allocator().newInstance(message, cause, true, false);
    }

    static boolean isProgramClass(Class<?> c) {
        String name = c.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun."));
    }

    private static Field detailMessageField() {
        try {
            Field field = Throwable.class.getDeclaredField("detailMessage");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | InaccessibleObjectException | SecurityException e) {
            return null;
        }
    }
}
