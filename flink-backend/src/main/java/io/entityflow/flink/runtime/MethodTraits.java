package io.entityflow.flink.runtime;

import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the runtime must know about methods beyond their code: which begin a transaction
 * ({@code @Transactional}) and which only read ({@code @ReadOnly}: a shared lock is enough). Taken from
 * the analysis, by entity type and method name (public methods are not overloaded).
 */
public final class MethodTraits implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, Set<String>> transactional;
    private final Map<String, Set<String>> readOnly;

    public MethodTraits(Map<String, Set<String>> transactional, Map<String, Set<String>> readOnly) {
        this.transactional = copy(transactional);
        this.readOnly = copy(readOnly);
    }

    public static MethodTraits none() {
        return new MethodTraits(Map.of(), Map.of());
    }

    public static MethodTraits of(CompiledProgram program) {
        return of(program.analysis().model());
    }

    public static MethodTraits of(io.entityflow.ir.model.ProgramModel model) {
        Map<String, Set<String>> transactional = new HashMap<>();
        Map<String, Set<String>> readOnly = new HashMap<>();
        for (EntityModel entity : model.entities()) {
            for (MethodModel method : entity.methods()) {
                if (method.isTransactional()) {
                    transactional.computeIfAbsent(entity.qualifiedName(), k -> new HashSet<>()).add(method.name());
                }
                if (method.isReadOnly()) {
                    readOnly.computeIfAbsent(entity.qualifiedName(), k -> new HashSet<>()).add(method.name());
                }
            }
        }
        return new MethodTraits(transactional, readOnly);
    }

    /** Entity type → its {@code @Transactional} methods. */
    public Map<String, Set<String>> transactionalMethods() {
        return copy(transactional);
    }

    /** Entity type → its {@code @ReadOnly} methods. */
    public Map<String, Set<String>> readOnlyMethods() {
        return copy(readOnly);
    }

    public boolean isTransactional(String type, String method) {
        return transactional.getOrDefault(type, Set.of()).contains(method);
    }

    /** Read-only methods, and the built-in state read. */
    public boolean isReadOnly(String type, String method) {
        return EntityInvoker.STATE.equals(method) || readOnly.getOrDefault(type, Set.of()).contains(method);
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> map) {
        Map<String, Set<String>> copy = new HashMap<>();
        map.forEach((type, methods) -> copy.put(type, Set.copyOf(methods)));
        return copy;
    }
}
