package io.entityflow.ir.model;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One {@code @Entity} class: its key, state fields and methods, with the source it came from. */
public final class EntityModel {
    private final String name;
    private final String qualifiedName;
    private final String file;
    private final CompilationUnit unit;
    private final ClassOrInterfaceDeclaration declaration;
    private final List<FieldModel> fields = new ArrayList<>();
    private final Map<String, List<MethodModel>> methods = new LinkedHashMap<>();
    private FieldModel key;

    public EntityModel(String name, String qualifiedName, String file, CompilationUnit unit,
                       ClassOrInterfaceDeclaration declaration) {
        this.name = name;
        this.qualifiedName = qualifiedName;
        this.file = file;
        this.unit = unit;
        this.declaration = declaration;
    }

    public String name() {
        return name;
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    public String file() {
        return file;
    }

    public CompilationUnit unit() {
        return unit;
    }

    public ClassOrInterfaceDeclaration declaration() {
        return declaration;
    }

    public List<FieldModel> fields() {
        return Collections.unmodifiableList(fields);
    }

    public Optional<FieldModel> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public Optional<FieldModel> key() {
        return Optional.ofNullable(key);
    }

    /** All methods in declaration order (overloads included). */
    public List<MethodModel> methods() {
        return methods.values().stream().flatMap(List::stream).toList();
    }

    /** The methods with this name; more than one only for (erroneous or private) overloads. */
    public List<MethodModel> methods(String methodName) {
        return methods.getOrDefault(methodName, List.of());
    }

    public Optional<MethodModel> method(String methodName) {
        List<MethodModel> named = methods(methodName);
        return named.isEmpty() ? Optional.empty() : Optional.of(named.get(0));
    }

    void addField(FieldModel field) {
        fields.add(field);
    }

    void setKey(FieldModel key) {
        this.key = key;
    }

    void addMethod(MethodModel method) {
        methods.computeIfAbsent(method.name(), n -> new ArrayList<>()).add(method);
    }
}
