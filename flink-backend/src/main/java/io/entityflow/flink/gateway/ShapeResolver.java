package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.WildcardType;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.ProgramModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns a type as the program's source declares it into the {@link ValueShape} that reads it from JSON.
 * The source, not the generated class, is the authority: generated code has replaced entity types by
 * {@code EntityRef} (losing which entity) and has no methods left for split ones.
 */
final class ShapeResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ShapeResolver.class);
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
            "boolean", boolean.class, "double", double.class, "float", float.class, "char", char.class,
            "byte", byte.class, "short", short.class);

    private final ProgramModel model;
    private final TypeLocator locator;
    private final ObjectMapper mapper;
    private final Map<String, RecordDeclaration> records = new HashMap<>();
    private final Map<Class<?>, ValueShape> recordShapes = new ConcurrentHashMap<>();
    private final Map<String, ValueShape> keyShapes = new ConcurrentHashMap<>();

    ShapeResolver(ProgramModel model, List<CompilationUnit> units, ClassLoader loader, ObjectMapper mapper) {
        this.model = model;
        this.locator = new TypeLocator(loader);
        this.mapper = mapper;
        for (CompilationUnit unit : units) {
            for (RecordDeclaration record : unit.findAll(RecordDeclaration.class)) {
                records.put(TypeLocator.binaryName(record), record);
            }
        }
    }

    ValueShape shape(Type type) {
        if (type instanceof PrimitiveType primitive) {
            return ScalarShape.of(PRIMITIVES.get(primitive.asString())).orElseThrow();
        } else if (type instanceof ArrayType array) {
            return new ArrayShape(shape(array.getComponentType()));
        } else if (type instanceof WildcardType wildcard) {
            return wildcard.getExtendedType().map(this::shape).orElseGet(this::anyValue);
        } else if (type instanceof ClassOrInterfaceType classType) {
            return classShape(classType);
        }
        LOG.warn("type {} is read from JSON as Jackson binds an Object", type);
        return anyValue();
    }

    /** A parameter's shape: a varargs parameter takes an array. */
    ValueShape shape(Parameter parameter) {
        ValueShape element = shape(parameter.getType());
        return parameter.isVarArgs() ? new ArrayShape(element) : element;
    }

    /** The shape of the {@code @Key} field of an entity type. */
    ValueShape keyShape(String entityType) {
        return keyShapes.computeIfAbsent(entityType, type -> {
            EntityModel entity = model.byQualifiedName(type).orElseThrow(() -> new IllegalArgumentException("no entity " + type));
            return shape(entity.key().orElseThrow(() -> new IllegalStateException(type + " has no @Key")).declarator().getType());
        });
    }

    private ValueShape classShape(ClassOrInterfaceType type) {
        Optional<EntityModel> entity = model.entityNamed(type);
        if (entity.isPresent()) {
            String qualified = entity.get().qualifiedName();
            return new EntityRefShape(qualified, () -> keyShape(qualified));
        }
        Optional<Class<?>> found = locator.find(type);
        if (found.isEmpty()) {
            LOG.warn("cannot find the class of type {}; its values are read from JSON as Jackson binds an Object", type);
            return anyValue();
        }
        Class<?> c = found.get();
        Optional<ValueShape> scalar = ScalarShape.of(c);
        if (scalar.isPresent()) {
            return scalar.get();
        }
        List<Type> arguments = type.getTypeArguments().map(List::copyOf).orElse(List.of());
        if (c == Optional.class) {
            return new OptionalShape(argument(arguments, 0));
        } else if (Map.class.isAssignableFrom(c)) {
            return new MapShape(c, mapFactory(c), argument(arguments, 0), argument(arguments, 1));
        } else if (Collection.class.isAssignableFrom(c) || c == Iterable.class) {
            return new CollectionShape(c, collectionFactory(c), argument(arguments, 0));
        } else if (c.isRecord()) {
            return recordShapes.computeIfAbsent(c, this::recordShape);
        }
        return new FallbackShape(mapper.getTypeFactory().constructType(c), mapper);
    }

    private ValueShape argument(List<Type> arguments, int index) {
        return index < arguments.size() ? shape(arguments.get(index)) : anyValue();
    }

    private ValueShape recordShape(Class<?> record) {
        RecordDeclaration source = records.get(record.getName());
        Supplier<List<ValueShape>> components = memoize(() -> {
            if (source != null) {
                return source.getParameters().stream().map(this::shape).toList();
            }
            // not declared in the program's source: its components as reflection sees them
            return Arrays.stream(record.getRecordComponents())
                    .map(c -> (ValueShape) new FallbackShape(mapper.getTypeFactory().constructType(c.getGenericType()), mapper))
                    .toList();
        });
        return new RecordShape(record, components);
    }

    private ValueShape anyValue() {
        return new FallbackShape(mapper.getTypeFactory().constructType(Object.class), mapper);
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Collection<Object>> collectionFactory(Class<?> declared) {
        Optional<Supplier<Object>> concrete = noArgConstructor(declared);
        if (concrete.isPresent()) {
            return () -> (Collection<Object>) concrete.get().get();
        }
        for (Supplier<Collection<Object>> candidate : List.<Supplier<Collection<Object>>>of(ArrayList::new,
                LinkedHashSet::new, TreeSet::new, ArrayDeque::new)) {
            if (declared.isInstance(candidate.get())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no collection class for " + declared.getName());
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Map<Object, Object>> mapFactory(Class<?> declared) {
        Optional<Supplier<Object>> concrete = noArgConstructor(declared);
        if (concrete.isPresent()) {
            return () -> (Map<Object, Object>) concrete.get().get();
        }
        for (Supplier<Map<Object, Object>> candidate : List.<Supplier<Map<Object, Object>>>of(LinkedHashMap::new,
                TreeMap::new, ConcurrentHashMap::new)) {
            if (declared.isInstance(candidate.get())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no map class for " + declared.getName());
    }

    private static Optional<Supplier<Object>> noArgConstructor(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return Optional.empty();
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return Optional.of(() -> {
                try {
                    return constructor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create a " + type.getName(), e);
                }
            });
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                        result = value;
                    }
                }
                return result;
            }
        };
    }
}
