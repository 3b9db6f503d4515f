package io.entityflow.ir.analysis.incremental;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.model.ProgramModel;
import io.entityflow.ir.source.ParsedProgram;
import io.entityflow.ir.source.SourceFile;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one file contributes to the dependencies between files, read from its text alone (no symbol solving):
 * the qualified names of the types it declares; every qualified name a type it mentions could have
 * (an over-approximation: each identifier in its own package and in each on-demand import, each import and
 * qualified name written); the entities it declares with their method names; the method names it calls.
 * A file that does not parse declares and mentions nothing, as the analysis leaves it out.
 */
record FileFacts(Set<String> declaredTypes, Set<String> referenceCandidates, Map<String, Set<String>> entityMethods,
                 Set<String> calledMethods) {

    static final FileFacts NONE = new FileFacts(Set.of(), Set.of(), Map.of(), Set.of());

    static FileFacts of(SourceFile file) {
        ParsedProgram parsed = ParsedProgram.parse(List.of(file));
        if (parsed.units().isEmpty()) {
            return NONE;
        }
        CompilationUnit unit = parsed.units().get(0);
        Set<String> declared = new HashSet<>();
        for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
            type.getFullyQualifiedName().ifPresent(declared::add);
        }
        Map<String, Set<String>> entities = new LinkedHashMap<>();
        for (EntityModel entity : ProgramModel.of(parsed).entities()) {
            entities.put(entity.qualifiedName(),
                    entity.methods().stream().map(MethodModel::name).collect(Collectors.toUnmodifiableSet()));
        }
        Set<String> called = unit.findAll(MethodCallExpr.class).stream()
                .map(MethodCallExpr::getNameAsString).collect(Collectors.toUnmodifiableSet());
        return new FileFacts(Set.copyOf(declared), Set.copyOf(referenceCandidates(unit)), entities, called);
    }

    private static Set<String> referenceCandidates(CompilationUnit unit) {
        String prefix = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        Set<String> onDemand = new HashSet<>();
        Set<String> candidates = new HashSet<>();
        for (ImportDeclaration imported : unit.getImports()) {
            String name = imported.getNameAsString();
            if (imported.isAsterisk()) {
                onDemand.add(name + ".");
            }
            addWithPrefixes(name, candidates);
        }
        Set<String> identifiers = new HashSet<>();
        unit.findAll(SimpleName.class).forEach(n -> identifiers.add(n.getIdentifier()));
        unit.findAll(Name.class).forEach(n -> identifiers.add(n.getIdentifier()));
        for (String identifier : identifiers) {
            candidates.add(prefix + identifier);
            onDemand.forEach(p -> candidates.add(p + identifier));
        }
        // Qualified names written out in full, in types and in expressions such as `shop.Item.NAME`.
        unit.findAll(ClassOrInterfaceType.class).forEach(t -> addWithPrefixes(t.getNameWithScope(), candidates));
        unit.findAll(FieldAccessExpr.class).forEach(f -> addWithPrefixes(f.toString(), candidates));
        return candidates;
    }

    private static void addWithPrefixes(String dotted, Set<String> into) {
        for (int dot = dotted.indexOf('.'); dot >= 0; dot = dotted.indexOf('.', dot + 1)) {
            into.add(dotted.substring(0, dot));
        }
        into.add(dotted);
    }
}
