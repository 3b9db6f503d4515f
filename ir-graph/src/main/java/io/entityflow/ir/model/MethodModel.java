package io.entityflow.ir.model;

import com.github.javaparser.ast.body.MethodDeclaration;

import java.util.List;

/**
 * A method of an entity. {@code suspending} is true when the method makes remote calls, directly or
 * through local methods of its entity that do: such a method is split into blocks.
 */
public final class MethodModel {
    private final String name;
    private final String returnType;
    private final List<ParameterModel> parameters;
    private final boolean isPublic;
    private final boolean isStatic;
    private final boolean transactional;
    private final boolean readOnly;
    private final MethodDeclaration declaration;
    private boolean suspending;
    private boolean writesState;

    public MethodModel(String name, String returnType, List<ParameterModel> parameters, boolean isPublic,
                       boolean isStatic, boolean transactional, boolean readOnly, MethodDeclaration declaration) {
        this.name = name;
        this.returnType = returnType;
        this.parameters = List.copyOf(parameters);
        this.isPublic = isPublic;
        this.isStatic = isStatic;
        this.transactional = transactional;
        this.readOnly = readOnly;
        this.declaration = declaration;
    }

    public String name() {
        return name;
    }

    public String returnType() {
        return returnType;
    }

    public boolean isVoid() {
        return "void".equals(returnType);
    }

    public List<ParameterModel> parameters() {
        return parameters;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public boolean isStatic() {
        return isStatic;
    }

    public boolean isTransactional() {
        return transactional;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public MethodDeclaration declaration() {
        return declaration;
    }

    public boolean isSuspending() {
        return suspending;
    }

    public void markSuspending() {
        this.suspending = true;
    }

    public boolean writesState() {
        return writesState;
    }

    public void markWritesState() {
        this.writesState = true;
    }
}
