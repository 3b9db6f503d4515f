package io.entityflow.flink.gateway;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the class a type name in the program's source stands for, the way javac looks a name up: the
 * name as written when qualified, then the enclosing types' members, single-type imports, the unit's own
 * package, on-demand imports and {@code java.lang}; nested classes through {@code $}. Classes are loaded
 * (not initialised) from the program's class loader, which sees the JDK and the generated classes.
 */
final class TypeLocator {
    private final ClassLoader loader;
    private final Map<String, Optional<Class<?>>> loaded = new ConcurrentHashMap<>();

    TypeLocator(ClassLoader loader) {
        this.loader = loader;
    }

    Optional<Class<?>> find(ClassOrInterfaceType type) {
        String[] parts = type.getNameWithScope().split("\\.");
        List<String> candidates = new ArrayList<>();
        if (parts.length > 1) {
            candidates.addAll(binaryNames(type.getNameWithScope()));
        }
        String nested = parts.length > 1 ? "$" + String.join("$", Arrays.copyOfRange(parts, 1, parts.length)) : "";
        for (String first : simpleNameCandidates(parts[0], type)) {
            candidates.add(first + nested);
        }
        for (String candidate : candidates) {
            Optional<Class<?>> found = load(candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Where a simple name may come from, most specific first. */
    private List<String> simpleNameCandidates(String simple, Node usage) {
        List<String> candidates = new ArrayList<>();
        for (Node node = usage.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> enclosing) {
                candidates.add(binaryName(enclosing) + "$" + simple);
            }
        }
        CompilationUnit unit = usage.findCompilationUnit().orElse(null);
        if (unit != null) {
            for (ImportDeclaration imported : unit.getImports()) {
                String name = imported.getNameAsString();
                if (!imported.isStatic() && !imported.isAsterisk() && name.endsWith("." + simple)) {
                    candidates.addAll(binaryNames(name));
                }
            }
            candidates.add(unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("") + simple);
            for (ImportDeclaration imported : unit.getImports()) {
                if (!imported.isStatic() && imported.isAsterisk()) {
                    candidates.addAll(binaryNames(imported.getNameAsString() + "." + simple));
                }
            }
        }
        candidates.add("java.lang." + simple);
        return candidates;
    }

    /** {@code a.b.C.D} may be class {@code a.b.C.D} or {@code a.b.C$D} (nested) and so on. */
    private static List<String> binaryNames(String canonical) {
        String[] parts = canonical.split("\\.");
        List<String> names = new ArrayList<>();
        for (int packageEnd = parts.length - 1; packageEnd >= 1; packageEnd--) {
            names.add(String.join(".", Arrays.copyOfRange(parts, 0, packageEnd)) + "."
                    + String.join("$", Arrays.copyOfRange(parts, packageEnd, parts.length)));
        }
        return names;
    }

    /** The binary name of a class declared in the source: package, then outer classes joined by $. */
    static String binaryName(TypeDeclaration<?> type) {
        StringBuilder name = new StringBuilder(type.getNameAsString());
        for (Node node = type.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> outer) {
                name.insert(0, outer.getNameAsString() + "$");
            } else if (node instanceof CompilationUnit unit && unit.getPackageDeclaration().isPresent()) {
                name.insert(0, unit.getPackageDeclaration().get().getNameAsString() + ".");
            }
        }
        return name.toString();
    }

    private Optional<Class<?>> load(String name) {
        return loaded.computeIfAbsent(name, n -> {
            try {
                return Optional.of(Class.forName(n, false, loader));
            } catch (ClassNotFoundException | LinkageError notThere) {
                return Optional.empty();
            }
        });
    }
}
