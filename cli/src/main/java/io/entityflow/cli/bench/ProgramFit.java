package io.entityflow.cli.bench;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a program can take a workload: it needs the entity types the workload was written for (those of
 * {@code samples/ycsb} or {@code samples/checkout}) with the constructors and public methods it calls.
 */
final class ProgramFit {
    private ProgramFit() {
    }

    /** Why the program cannot run the workload, or empty when it can. */
    static Optional<String> problem(CompiledProgram program, WorkloadKind workload) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> need : workload.needs().entrySet()) {
            String type = need.getKey();
            Optional<EntityModel> entity = program.entityTypes().contains(type) ? program.entity(type) : Optional.empty();
            if (entity.isEmpty()) {
                problems.add("the program has no entity " + type + " (its entities: " + String.join(", ", program.entityTypes()) + ")");
                continue;
            }
            List<String> declared = declared(entity.get());
            List<String> missing = need.getValue().stream().filter(signature -> !declared.contains(signature)).toList();
            if (!missing.isEmpty()) {
                problems.add(type + " lacks " + String.join(", ", missing));
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String needs = workload.needs().entrySet().stream().map(e -> e.getKey() + " with " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
        return Optional.of(String.join("; ", problems) + "; the " + workload.label() + " workload runs on the entities of "
                + workload.sample() + ": " + needs);
    }

    private static List<String> declared(EntityModel entity) {
        List<String> declared = new ArrayList<>();
        entity.declaration().getConstructors().forEach(c -> declared.add(signature(c)));
        entity.methods().stream().filter(MethodModel::isPublic).filter(m -> !m.isStatic())
                .forEach(m -> declared.add(signature(m.declaration())));
        return declared;
    }

    private static String signature(CallableDeclaration<?> callable) {
        return callable.getNameAsString() + callable.getParameters().stream().map(Parameter::getType)
                .map(type -> simple(type.asString())).collect(Collectors.joining(",", "(", ")"));
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
