package io.entityflow.cli.bench;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a program can take a workload: it needs the entity {@code ycsb.Account} of {@code samples/ycsb}
 * with the constructor {@code Account(String, long)} and the public methods the workload calls.
 */
final class ProgramFit {
    static final String CONSTRUCTOR = "Account(String,long)";

    private ProgramFit() {
    }

    /** Why the program cannot run the workload, or empty when it can. */
    static Optional<String> problem(CompiledProgram program, WorkloadKind workload) {
        Optional<EntityModel> account = program.entityTypes().contains(Accounts.TYPE) ? program.entity(Accounts.TYPE) : Optional.empty();
        String needs = "the " + workload.label() + " workload runs on the entity " + Accounts.TYPE + " of samples/ycsb, with "
                + CONSTRUCTOR + " and " + String.join(", ", workload.methods());
        if (account.isEmpty()) {
            return Optional.of("the program has no entity " + Accounts.TYPE + " (its entities: "
                    + String.join(", ", program.entityTypes()) + "); " + needs);
        }
        List<String> declared = new ArrayList<>();
        account.get().declaration().getConstructors().forEach(c -> declared.add(signature(c)));
        account.get().methods().stream().filter(MethodModel::isPublic).filter(m -> !m.isStatic())
                .forEach(m -> declared.add(signature(m.declaration())));
        List<String> missing = new ArrayList<>();
        if (!declared.contains(CONSTRUCTOR)) {
            missing.add(CONSTRUCTOR);
        }
        workload.methods().stream().filter(m -> !declared.contains(m)).forEach(missing::add);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Accounts.TYPE + " lacks " + String.join(", ", missing) + "; " + needs);
    }

    private static String signature(CallableDeclaration<?> callable) {
        return callable.getNameAsString() + callable.getParameters().stream().map(Parameter::getType)
                .map(type -> simple(type.asString())).collect(Collectors.joining(",", "(", ")"));
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
