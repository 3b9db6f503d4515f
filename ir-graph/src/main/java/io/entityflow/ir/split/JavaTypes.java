package io.entityflow.ir.split;

import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.resolution.types.ResolvedType;
import io.entityflow.ir.analysis.TypeNames;
import io.entityflow.ir.model.ProgramModel;
import io.entityflow.ir.runtime.EntityRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the Java type of a value in split code: as the program wrote it, except that every entity type
 * becomes {@link EntityRef}, because split code holds references, not objects.
 */
public final class JavaTypes {
    public static final String ENTITY_REF = EntityRef.class.getName();
    private static final Map<String, String> BOXES = Map.of("int", "java.lang.Integer", "long", "java.lang.Long",
            "boolean", "java.lang.Boolean", "double", "java.lang.Double", "float", "java.lang.Float",
            "char", "java.lang.Character", "byte", "java.lang.Byte", "short", "java.lang.Short");

    private static final Map<String, String> UNBOXED = Map.of("java.lang.Integer", "int", "java.lang.Long", "long",
            "java.lang.Boolean", "boolean", "java.lang.Double", "double", "java.lang.Float", "float",
            "java.lang.Character", "char", "java.lang.Byte", "byte", "java.lang.Short", "short");
    private final ProgramModel program;

    public JavaTypes(ProgramModel program) {
        this.program = program;
    }

    /** A type written in the same compilation unit: its imports still apply. */
    public String written(Type type) {
        if (type instanceof ClassOrInterfaceType classType) {
            if (program.entityNamed(classType).isPresent()) {
                return ENTITY_REF;
            }
            String base = classType.getScope().map(s -> s.asString() + ".").orElse("") + classType.getNameAsString();
            return classType.getTypeArguments()
                    .map(args -> base + "<" + args.stream().map(this::written).collect(Collectors.joining(", ")) + ">")
                    .orElse(base);
        } else if (type instanceof ArrayType array) {
            return written(array.getComponentType()) + "[]";
        }
        return type.asString();
    }

    /** A type declared elsewhere (another entity's return type): resolved and written fully qualified. */
    public Optional<String> foreign(Type type) {
        if (type instanceof PrimitiveType || type.isVoidType()) {
            return Optional.of(type.asString());
        }
        try {
            return resolved(type.resolve());
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** A type the symbol solver computed; empty when it has no name Java source can write. */
    public Optional<String> resolved(ResolvedType type) {
        try {
            if (type.isPrimitive()) {
                return Optional.of(type.asPrimitive().describe());
            } else if (type.isArray()) {
                return resolved(type.asArrayType().getComponentType()).map(c -> c + "[]");
            } else if (type.isReferenceType()) {
                String name = type.asReferenceType().getQualifiedName();
                if (program.byQualifiedName(name).isPresent()) {
                    return Optional.of(ENTITY_REF);
                }
                List<ResolvedType> parameters = type.asReferenceType().typeParametersValues();
                if (parameters.isEmpty()) {
                    return Optional.of(name);
                }
                StringBuilder written = new StringBuilder(name).append('<');
                for (int i = 0; i < parameters.size(); i++) {
                    Optional<String> parameter = resolved(parameters.get(i));
                    if (parameter.isEmpty()) {
                        return Optional.of(name);
                    }
                    written.append(i == 0 ? "" : ", ").append(parameter.get());
                }
                return Optional.of(written.append('>').toString());
            } else if (type.isWildcard()) {
                if (type.asWildcard().isBounded()) {
                    return resolved(type.asWildcard().getBoundedType())
                            .map(b -> (type.asWildcard().isExtends() ? "? extends " : "? super ") + b);
                }
                return Optional.of("?");
            } else if (type.isTypeVariable()) {
                return Optional.of("java.lang.Object");
            }
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public Optional<String> ofExpression(com.github.javaparser.ast.expr.Expression expression) {
        com.github.javaparser.ast.expr.Expression e = expression;
        while (e instanceof com.github.javaparser.ast.expr.EnclosedExpr enclosed) {
            e = enclosed.getInner();
        }
        if (e instanceof com.github.javaparser.ast.expr.BinaryExpr binary) {
            Optional<String> promoted = binaryType(binary);
            if (promoted.isPresent()) {
                return promoted;
            }
        }
        return TypeNames.typeOf(expression).flatMap(this::resolved).map(type -> promoted(expression, type));
    }

    private static final List<String> NUMERIC_RANK = List.of("double", "float", "long", "int");

    /**
     * The type of a binary expression by Java's rules (JLS 15.17-15.26), which the solver gets wrong for
     * boxed operands ({@code 2 * aLong} is a long): comparisons and logic give boolean, {@code +} with a
     * String gives String, shifts the promoted left operand, arithmetic the binary numeric promotion.
     */
    private Optional<String> binaryType(com.github.javaparser.ast.expr.BinaryExpr binary) {
        switch (binary.getOperator()) {
            case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS:
                return Optional.of("boolean");
            default:
                break;
        }
        Optional<String> left = ofExpression(binary.getLeft()).map(t -> UNBOXED.getOrDefault(t, t));
        Optional<String> right = ofExpression(binary.getRight()).map(t -> UNBOXED.getOrDefault(t, t));
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        if (binary.getOperator() == com.github.javaparser.ast.expr.BinaryExpr.Operator.PLUS
                && (left.get().equals("java.lang.String") || right.get().equals("java.lang.String"))) {
            return Optional.of("java.lang.String");
        }
        if (left.get().equals("boolean") && right.get().equals("boolean")) {
            return Optional.of("boolean"); // &, |, ^ on booleans
        }
        switch (binary.getOperator()) {
            case LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT:
                return numeric(left.get()) ? Optional.of(left.get().equals("long") ? "long" : "int") : Optional.empty();
            default:
                break;
        }
        if (!numeric(left.get()) || !numeric(right.get())) {
            return Optional.empty();
        }
        for (String rank : NUMERIC_RANK) {
            if (left.get().equals(rank) || right.get().equals(rank)) {
                return Optional.of(rank);
            }
        }
        return Optional.of("int"); // byte, short and char promote to int
    }

    private static boolean numeric(String primitive) {
        return Set.of("double", "float", "long", "int", "short", "byte", "char").contains(primitive);
    }

    /**
     * Corrects the solver where Java's numeric promotion unboxes: arithmetic on boxes yields a primitive,
     * and {@code c ? 5 : aLong} is a {@code long}. The solver answers with the box, and a temporary declared
     * as a box would then refuse the primitive value javac computes.
     */
    private String promoted(com.github.javaparser.ast.expr.Expression expression, String type) {
        String primitive = UNBOXED.get(type);
        if (primitive == null) {
            return type;
        }
        com.github.javaparser.ast.expr.Expression e = expression;
        while (e instanceof com.github.javaparser.ast.expr.EnclosedExpr enclosed) {
            e = enclosed.getInner();
        }
        if (e instanceof com.github.javaparser.ast.expr.BinaryExpr || e instanceof com.github.javaparser.ast.expr.UnaryExpr) {
            return primitive;
        }
        if (e instanceof com.github.javaparser.ast.expr.ConditionalExpr conditional) {
            boolean eitherPrimitive = TypeNames.typeOf(conditional.getThenExpr()).map(ResolvedType::isPrimitive).orElse(true)
                    || TypeNames.typeOf(conditional.getElseExpr()).map(ResolvedType::isPrimitive).orElse(true);
            return eitherPrimitive ? primitive : type;
        }
        return type;
    }

    public static boolean isPrimitive(String javaType) {
        return BOXES.containsKey(javaType);
    }

    /** The class a value of this type is stored as in an {@code Object[]} frame. */
    public static String boxed(String javaType) {
        return BOXES.getOrDefault(javaType, javaType);
    }

    /** The default a hoisted local starts with (never read: Java's definite assignment still holds). */
    public static String defaultValue(String javaType) {
        return switch (javaType) {
            case "boolean" -> "false";
            case "char" -> "'\\0'";
            case "int", "long", "double", "float", "byte", "short" -> "(" + javaType + ") 0";
            default -> "null";
        };
    }

    /** The type with type arguments dropped, for casts and instanceof where generics cannot be checked. */
    public static String erased(String javaType) {
        int angle = javaType.indexOf('<');
        return angle < 0 ? javaType : javaType.substring(0, angle) + javaType.substring(javaType.lastIndexOf('>') + 1);
    }
}
