package io.entityflow.ir.source;

import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;

import java.util.HashMap;
import java.util.Map;

/**
 * Resolves the types declared by the analysed sources themselves, from their parsed (possibly unsaved)
 * text rather than from files on disk, so that an editor's buffers resolve against each other.
 */
final class ProgramTypeSolver implements TypeSolver {
    private final Map<String, TypeDeclaration<?>> types = new HashMap<>();
    private final Map<String, ResolvedReferenceTypeDeclaration> resolved = new HashMap<>();
    private TypeSolver parent;

    void register(String qualifiedName, TypeDeclaration<?> declaration) {
        types.putIfAbsent(qualifiedName, declaration);
    }

    @Override
    public TypeSolver getParent() {
        return parent;
    }

    @Override
    public void setParent(TypeSolver parent) {
        this.parent = parent;
    }

    @Override
    public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveType(String name) {
        TypeDeclaration<?> declaration = types.get(name);
        if (declaration == null) {
            return SymbolReference.unsolved();
        }
        ResolvedReferenceTypeDeclaration type = resolved.computeIfAbsent(name,
                n -> JavaParserFacade.get(getRoot()).getTypeDeclaration(declaration));
        return SymbolReference.solved(type);
    }

    @Override
    public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveTypeInModule(String module, String name) {
        return tryToSolveType(name);
    }
}
