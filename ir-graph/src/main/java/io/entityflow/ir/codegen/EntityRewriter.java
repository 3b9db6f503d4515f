package io.entityflow.ir.codegen;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.FieldModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.split.JavaTypes;
import io.entityflow.ir.split.ReferenceEquality;
import io.entityflow.ir.split.SplitMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generates the split form of a program: every compilation unit is copied with entity types replaced by
 * {@link io.entityflow.ir.runtime.EntityRef}; every entity class additionally loses its suspending methods
 * to their state machines and gains {@code $invoke}, {@code $ref}, {@code $state}, {@code $fieldValues} and a {@code $Factory}.
 * The class keeps its name, fields and plain methods, so private helpers and field access work as written.
 */
public final class EntityRewriter {
    private static final String RUNTIME = "io.entityflow.ir.runtime.";
    private final Analysis analysis;
    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    private EntityRewriter(Analysis analysis) {
        this.analysis = analysis;
    }

    /** @throws IllegalArgumentException when the analysis has errors: only accepted programs are generated */
    public static List<GeneratedSource> generate(Analysis analysis) {
        if (analysis.hasErrors()) {
            throw new IllegalArgumentException("the program has errors; run check first");
        }
        return new EntityRewriter(analysis).generateAll();
    }

    private List<GeneratedSource> generateAll() {
        List<GeneratedSource> sources = new ArrayList<>();
        for (CompilationUnit original : analysis.parsed().units()) {
            CompilationUnit unit = original.clone();
            ReferenceEquality.rewrite(original, unit, analysis.calls());
            List<ClassOrInterfaceDeclaration> entities = unit.findAll(ClassOrInterfaceDeclaration.class).stream()
                    .filter(type -> entityOf(type).isPresent()).toList();
            for (ClassOrInterfaceDeclaration type : entities) {
                rewriteEntity(type, entityOf(type).orElseThrow());
            }
            replaceEntityTypes(unit);
            String name = unit.getPrimaryType().or(() -> unit.getTypes().stream().findFirst())
                    .flatMap(TypeDeclaration::getFullyQualifiedName).orElse(null);
            if (name != null) {
                sources.add(new GeneratedSource(name, unit.toString()));
            }
        }
        return sources;
    }

    private Optional<EntityModel> entityOf(ClassOrInterfaceDeclaration type) {
        return type.getFullyQualifiedName().flatMap(analysis.model()::byQualifiedName);
    }

    private void rewriteEntity(ClassOrInterfaceDeclaration type, EntityModel entity) {
        List<SplitMethod> splits = new ArrayList<>();
        for (MethodModel method : entity.methods()) {
            SplitMethod split = analysis.splits().get(entity.qualifiedName() + "." + method.name());
            if (split != null && method.isSuspending()) {
                splits.add(split);
                type.getMethods().stream()
                        .filter(m -> m.getNameAsString().equals(method.name())
                                && m.getParameters().size() == method.parameters().size())
                        .findFirst().ifPresent(Node::remove);
            }
        }
        type.addImplementedType(RUNTIME + "SplitEntity");
        for (SplitMethod split : splits) {
            type.addMember(member(new StateMachineEmitter(split).emit()));
        }
        // after the state machines are in: `this` passed in a remote call's arguments is in them
        replaceThisValues(type);
        // Saved state is written back field by field when an entity is restored; `final` would forbid that
        // and means nothing to the runtime (the class is generated, users never see it).
        type.getFields().stream().filter(f -> !f.isStatic()).forEach(f -> f.setFinal(false));
        type.addMember(member(restoringConstructor(entity)));
        type.addMember(member(invoke(entity, splits)));
        type.addMember(member("private transient " + JavaTypes.ENTITY_REF + " $self;"));
        type.addMember(member(ref(entity)));
        type.addMember(member(state(entity)));
        type.addMember(member(fieldValues(entity)));
        type.addMember(member("private transient " + RUNTIME + "SuspendedFrames $suspended;"));
        type.addMember(member("@Override public " + RUNTIME + "SuspendedFrames $suspended() {\n"
                + "  if ($suspended == null) { $suspended = new " + RUNTIME + "SuspendedFrames(); }\n  return $suspended;\n}\n"));
        // volatile: written by the task thread, read by the threads writing snapshots
        type.addMember(member("private transient volatile byte[] $storedForm;"));
        type.addMember(member("@Override public byte[] $storedForm() { return $storedForm; }"));
        type.addMember(member("@Override public void $storedForm(byte[] form) { $storedForm = form; }"));
        type.addMember(member(factory(entity, type)));
    }

    /** {@code this} as a value (passed, returned, stored) is the entity's reference in split code. */
    private static void replaceThisValues(ClassOrInterfaceDeclaration type) {
        for (ThisExpr self : type.findAll(ThisExpr.class)) {
            if (self.getTypeName().isPresent()) {
                continue;
            }
            Optional<Node> parent = self.getParentNode();
            boolean scope = parent.filter(p -> p instanceof FieldAccessExpr f && f.getScope() == self
                    || p instanceof MethodCallExpr m && m.getScope().filter(s -> s == self).isPresent()).isPresent();
            boolean inStatic = self.findAncestor(MethodDeclaration.class).map(MethodDeclaration::isStatic).orElse(false);
            // `this` of a nested enum, record or class, or of an anonymous class, is that object, not the entity
            boolean ownThis = self.findAncestor(TypeDeclaration.class).filter(t -> t == type).isPresent()
                    && self.findAncestor(ObjectCreationExpr.class).filter(o -> o.getAnonymousClassBody().isPresent()
                    && o.isDescendantOf(type)).isEmpty();
            if (!scope && !inStatic && ownThis) {
                self.replace(new MethodCallExpr("$ref"));
            }
        }
    }

    private void replaceEntityTypes(CompilationUnit unit) {
        for (ClassOrInterfaceType type : unit.findAll(ClassOrInterfaceType.class)) {
            Optional<Node> parent = type.getParentNode();
            boolean scopeOfQualifiedName = parent.filter(p -> p instanceof ClassOrInterfaceType c
                    && c.getScope().filter(s -> s == type).isPresent()).isPresent();
            if (scopeOfQualifiedName || parent.filter(p -> p instanceof ObjectCreationExpr || p instanceof ClassExpr).isPresent()) {
                continue;
            }
            if (analysis.model().entityNamed(type).isPresent()) {
                type.replace(new ClassOrInterfaceType(null, JavaTypes.ENTITY_REF));
            }
        }
    }

    private BodyDeclaration<?> member(String source) {
        ParseResult<BodyDeclaration<?>> result = parser.parseBodyDeclaration(source);
        return result.getResult().orElseThrow(() -> new IllegalStateException(
                "generated code does not parse: " + result.getProblems() + "\n" + source));
    }

    private String invoke(EntityModel entity, List<SplitMethod> splits) {
        JavaTypes types = new JavaTypes(analysis.model());
        StringBuilder code = new StringBuilder("@Override @SuppressWarnings({\"unchecked\", \"rawtypes\", \"cast\"})\n")
                .append("public ").append(RUNTIME).append("Step $invoke(String $method, int $block, Object[] $frame,")
                .append(" Object $input) throws Throwable {\n  switch ($method) {\n");
        for (SplitMethod split : splits) {
            code.append("    case \"").append(split.method().name()).append("\": return ")
                    .append(StateMachineEmitter.methodName(split.method().name())).append("($block, $frame, $input);\n");
        }
        for (MethodModel method : entity.methods()) {
            if (method.isStatic() || !method.isPublic() || method.isSuspending()) {
                continue;
            }
            List<String> args = new ArrayList<>();
            List<Parameter> parameters = method.declaration().getParameters();
            for (int i = 0; i < parameters.size(); i++) {
                String type = types.written(parameters.get(i).getType()) + (parameters.get(i).isVarArgs() ? "[]" : "");
                args.add("(" + JavaTypes.boxed(type) + ") $frame[" + i + "]");
            }
            String call = "this." + method.name() + "(" + String.join(", ", args) + ")";
            code.append("    case \"").append(method.name()).append("\": ");
            if (method.isVoid()) {
                code.append(call).append("; return ").append(RUNTIME).append("Step.done(null);\n");
            } else {
                code.append("return ").append(RUNTIME).append("Step.done(").append(call).append(");\n");
            }
        }
        return code.append("    default: throw new IllegalArgumentException(\"entity ").append(entity.name())
                .append(" has no method \" + $method);\n  }\n}\n").toString();
    }

    private String restoringConstructor(EntityModel entity) {
        JavaTypes types = new JavaTypes(analysis.model());
        StringBuilder code = new StringBuilder("@SuppressWarnings({\"unchecked\", \"rawtypes\", \"cast\"})\n")
                .append("private ").append(entity.name()).append("(").append(RUNTIME)
                .append("Restore $restore, Object[] $fields) {\n");
        List<FieldModel> fields = entity.fields();
        for (int i = 0; i < fields.size(); i++) {
            String type = types.written(fields.get(i).declarator().getType());
            code.append("  if ($fields[").append(i).append("] != ").append(RUNTIME).append("Restore.ABSENT) this.")
                    .append(fields.get(i).name()).append(" = (").append(JavaTypes.boxed(type))
                    .append(") $fields[").append(i).append("];\n");
        }
        return code.append("}\n").toString();
    }

    /** The field's type as the compiler sees it (qualified, with type arguments): what a saved state's schema records. */
    private static String resolvedType(FieldModel field) {
        try {
            return field.declarator().getType().resolve().describe().replace(" ", "");
        } catch (RuntimeException | StackOverflowError unresolved) {
            return field.type().replace(" ", "");
        }
    }

    private static String ref(EntityModel entity) {
        String key = entity.key().map(FieldModel::name).orElseThrow();
        // the key is never reassigned (EF107), so the interned reference is made once
        return "@Override public " + JavaTypes.ENTITY_REF + " $ref() {\n  if ($self == null) { $self = "
                + JavaTypes.ENTITY_REF + ".of(\"" + entity.qualifiedName() + "\", this." + key + "); }\n  return $self;\n}";
    }

    private static String state(EntityModel entity) {
        StringBuilder code = new StringBuilder("@Override public java.util.Map<String, Object> $state() {\n")
                .append("  java.util.Map<String, Object> state = new java.util.LinkedHashMap<>();\n");
        for (FieldModel field : entity.fields()) {
            code.append("  state.put(\"").append(field.name()).append("\", this.").append(field.name()).append(");\n");
        }
        return code.append("  return state;\n}\n").toString();
    }

    /** The fields as an array: what the state serializer writes after every call, without a map to build. */
    private static String fieldValues(EntityModel entity) {
        StringBuilder code = new StringBuilder("@Override public Object[] $fieldValues() {\n  return new Object[] {");
        String separator = "";
        for (FieldModel field : entity.fields()) {
            code.append(separator).append("this.").append(field.name());
            separator = ", ";
        }
        return code.append("};\n}\n").toString();
    }

    private String factory(EntityModel entity, ClassOrInterfaceDeclaration type) {
        JavaTypes types = new JavaTypes(analysis.model());
        StringBuilder code = new StringBuilder("public static final class $Factory implements ")
                .append(RUNTIME).append("EntityFactory {\n  @Override @SuppressWarnings({\"unchecked\", \"rawtypes\", \"cast\"})\n")
                .append("  public ").append(RUNTIME).append("SplitEntity create(Object[] $args) throws Throwable {\n")
                .append("    switch ($args.length) {\n");
        List<Integer> arities = new ArrayList<>();
        for (ConstructorDeclaration constructor : type.getConstructors()) {
            int arity = constructor.getParameters().size();
            if (arities.contains(arity) || !constructor.isPublic()) {
                continue;
            }
            arities.add(arity);
            List<String> args = new ArrayList<>();
            for (int i = 0; i < arity; i++) {
                Parameter parameter = constructor.getParameter(i);
                args.add("(" + JavaTypes.boxed(types.written(parameter.getType())) + ") $args[" + i + "]");
            }
            code.append("      case ").append(arity).append(": return new ").append(entity.name()).append('(')
                    .append(String.join(", ", args)).append(");\n");
        }
        code.append("      default: throw new IllegalArgumentException(\"entity ").append(entity.name())
                .append(" has no public constructor with \" + $args.length + \" arguments\");\n    }\n  }\n");
        code.append("  @Override public ").append(RUNTIME).append("SplitEntity restore(Object[] $fields) {\n")
                .append("    return new ").append(entity.name()).append("(").append(RUNTIME).append("Restore.FIELDS, $fields);\n  }\n");
        code.append("  private static final ").append(RUNTIME).append("EntitySchema SCHEMA = new ").append(RUNTIME)
                .append("EntitySchema(\"").append(entity.qualifiedName()).append("\", \"")
                .append(entity.key().map(FieldModel::name).orElseThrow()).append("\", java.util.List.of(");
        List<String> fieldSchemas = new ArrayList<>();
        for (FieldModel field : entity.fields()) {
            fieldSchemas.add("new " + RUNTIME + "EntitySchema.Field(\"" + field.name() + "\", \"" + resolvedType(field) + "\")");
        }
        code.append(String.join(", ", fieldSchemas)).append("));\n");
        code.append("  @Override public ").append(RUNTIME).append("EntitySchema schema() {\n    return SCHEMA;\n  }\n");
        return code.append("}\n").toString();
    }
}
