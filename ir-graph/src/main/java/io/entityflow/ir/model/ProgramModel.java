package io.entityflow.ir.model;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import io.entityflow.ir.source.ParsedProgram;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The entities of a program, found by their {@code @Entity} annotation, by simple and qualified name. */
public final class ProgramModel {
    private final Map<String, EntityModel> byQualifiedName = new LinkedHashMap<>();
    private final Map<String, EntityModel> bySimpleName = new LinkedHashMap<>();
    private final List<ClassOrInterfaceDeclaration> duplicates = new java.util.ArrayList<>();

    public static ProgramModel of(ParsedProgram program) {
        ProgramModel model = new ProgramModel();
        for (CompilationUnit unit : program.units()) {
            for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
                if (Annotations.has(type, "Entity")) {
                    String qualified = type.getFullyQualifiedName().orElse(type.getNameAsString());
                    EntityModel entity = new EntityModel(type.getNameAsString(), qualified, program.fileOf(unit), unit, type);
                    if (model.byQualifiedName.putIfAbsent(qualified, entity) != null) {
                        model.duplicates.add(type);
                    }
                    model.bySimpleName.putIfAbsent(entity.name(), entity);
                }
            }
        }
        for (EntityModel entity : model.entities()) {
            model.collectMembers(entity);
        }
        return model;
    }

    private void collectMembers(EntityModel entity) {
        for (FieldDeclaration field : entity.declaration().getFields()) {
            if (field.isStatic()) {
                continue;
            }
            for (VariableDeclarator variable : field.getVariables()) {
                Type type = variable.getType();
                FieldModel model = new FieldModel(variable.getNameAsString(), type.asString(),
                        entityNamed(type).map(EntityModel::qualifiedName).orElse(null), variable);
                entity.addField(model);
                if (Annotations.has(field, "Key") && entity.key().isEmpty()) {
                    entity.setKey(model);
                }
            }
        }
        for (MethodDeclaration method : entity.declaration().getMethods()) {
            List<ParameterModel> parameters = method.getParameters().stream()
                    .map(p -> new ParameterModel(p.getNameAsString(), p.getType().asString())).toList();
            entity.addMethod(new MethodModel(method.getNameAsString(), method.getType().asString(), parameters,
                    method.hasModifier(Modifier.Keyword.PUBLIC), method.isStatic(),
                    Annotations.has(method, "Transactional"), Annotations.has(method, "ReadOnly"), method));
        }
    }

    /** Entity declarations whose qualified name an earlier file already declared; they are left out. */
    public List<ClassOrInterfaceDeclaration> duplicates() {
        return duplicates;
    }

    public Collection<EntityModel> entities() {
        return byQualifiedName.values();
    }

    public boolean isEmpty() {
        return byQualifiedName.isEmpty();
    }

    public Optional<EntityModel> byQualifiedName(String name) {
        return Optional.ofNullable(byQualifiedName.get(name));
    }

    /**
     * The entity a type names syntactically ({@code Item}, {@code shop.Item}); not its type arguments.
     * A simple name is looked up as javac would: the type's own package, then its imports.
     */
    public Optional<EntityModel> entityNamed(Type type) {
        if (!(type instanceof ClassOrInterfaceType classType)) {
            return Optional.empty();
        }
        String written = classType.getNameWithScope();
        EntityModel entity = byQualifiedName.get(written);
        if (entity != null || classType.getScope().isPresent()) {
            return Optional.ofNullable(entity);
        }
        return resolveSimpleName(classType.getNameAsString(), type.findCompilationUnit().orElse(null));
    }

    private Optional<EntityModel> resolveSimpleName(String simple, CompilationUnit unit) {
        if (unit == null) {
            return Optional.ofNullable(bySimpleName.get(simple));
        }
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        EntityModel local = byQualifiedName.get(pkg + simple);
        if (local != null) {
            return Optional.of(local);
        }
        for (var imported : unit.getImports()) {
            if (imported.isStatic()) {
                continue;
            }
            String name = imported.getNameAsString();
            String candidate = imported.isAsterisk() ? name + "." + simple : name.endsWith("." + simple) ? name : null;
            if (candidate != null && byQualifiedName.containsKey(candidate)) {
                return Optional.of(byQualifiedName.get(candidate));
            }
        }
        return Optional.empty();
    }

    public Optional<EntityModel> bySimpleOrQualifiedName(String name) {
        EntityModel entity = byQualifiedName.get(name);
        return Optional.ofNullable(entity != null ? entity : bySimpleName.get(name));
    }
}
