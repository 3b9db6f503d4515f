package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

import java.util.Optional;
import java.util.Set;

/**
 * EF106: state fields, parameters and results of public methods and constructors must be values the
 * runtime can serialise: primitives and boxes, String, enums, records, collections of these, entity
 * references. Anything else (Object, threads, streams, sockets, mutable classes) cannot be checkpointed
 * or sent to another entity.
 */
public final class SerializableTypeRule implements Rule {
    private static final Set<String> VALUE_TYPES = Set.of("java.lang.String", "java.lang.Integer", "java.lang.Long",
            "java.lang.Boolean", "java.lang.Double", "java.lang.Float", "java.lang.Character", "java.lang.Byte",
            "java.lang.Short", "java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID", "java.time.Instant",
            "java.time.LocalDate", "java.time.LocalDateTime", "java.time.Duration");
    private static final Set<String> CONTAINERS = Set.of("java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Collection", "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.TreeSet", "java.util.SortedMap", "java.util.SortedSet", "java.util.Optional");

    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (FieldDeclaration field : entity.declaration().getFields()) {
            if (!field.isStatic()) {
                field.getVariables().forEach(v -> checkType(v.getType(), "state field `" + v.getName() + "`", entity, context));
            }
        }
        for (MethodDeclaration method : entity.declaration().getMethods()) {
            if (method.isPublic() && !method.isStatic()) {
                checkSignature(method, entity, context);
                if (!method.getType().isVoidType()) {
                    checkType(method.getType(), "the result of `" + method.getName() + "`", entity, context);
                }
            }
        }
        entity.declaration().getConstructors().forEach(c -> checkSignature(c, entity, context));
    }

    private void checkSignature(CallableDeclaration<?> callable, EntityModel entity, RuleContext context) {
        callable.getParameters().forEach(p ->
                checkType(p.getType(), "parameter `" + p.getName() + "` of `" + callable.getName() + "`", entity, context));
    }

    private void checkType(Type type, String what, EntityModel entity, RuleContext context) {
        Optional<String> problem = problem(type, context);
        problem.ifPresent(reason -> context.report(Code.EF106, entity, type, what + " has type `" + type + "`, "
                + reason + ": use primitives, String, enums, records, List/Set/Map of these, or entity references"));
    }

    /** Why a type cannot be serialised, or empty when it can (or is unresolved, which EF112 reports). */
    private Optional<String> problem(Type type, RuleContext context) {
        if (type.isPrimitiveType()) {
            return Optional.empty();
        }
        if (type instanceof ArrayType array) {
            return problem(array.getComponentType(), context);
        }
        if (!(type instanceof ClassOrInterfaceType classType)) {
            return Optional.of("which cannot be serialised");
        }
        if (context.program().entityNamed(classType).isPresent()) {
            return Optional.empty();
        }
        ResolvedReferenceTypeDeclaration declaration;
        try {
            declaration = classType.resolve().asReferenceType().getTypeDeclaration().orElse(null);
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
        if (declaration == null) {
            return Optional.empty();
        }
        String name = declaration.getQualifiedName();
        if (VALUE_TYPES.contains(name) || declaration.isEnum() || declaration.isRecord()) {
            return Optional.empty();
        }
        if (CONTAINERS.contains(name)) {
            for (Type argument : classType.getTypeArguments().orElse(new com.github.javaparser.ast.NodeList<>())) {
                Optional<String> inner = problem(argument, context);
                if (inner.isPresent()) {
                    return Optional.of("whose element type `" + argument + "` " + inner.get().replaceFirst("^which ", ""));
                }
            }
            return Optional.empty();
        }
        if (name.equals("java.lang.Object")) {
            return Optional.of("which says nothing about what it holds, so it cannot be serialised");
        }
        if (declaration.isClass() && isDeclaredInProgram(declaration)) {
            return Optional.of("a mutable class the runtime cannot copy between entities; make it a record");
        }
        return Optional.of("which holds resources or behaviour, not a value, and cannot be serialised");
    }

    private static boolean isDeclaredInProgram(ResolvedReferenceTypeDeclaration declaration) {
        return declaration.toAst().map(Node.class::cast).filter(n -> n instanceof TypeDeclaration<?>).isPresent();
    }
}
