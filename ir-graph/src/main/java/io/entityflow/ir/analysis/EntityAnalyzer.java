package io.entityflow.ir.analysis;

import io.entityflow.ir.analysis.rules.BlockingCallRule;
import io.entityflow.ir.analysis.rules.EntityShapeRule;
import io.entityflow.ir.analysis.rules.ForeignFieldRule;
import io.entityflow.ir.analysis.rules.KeyRule;
import io.entityflow.ir.analysis.rules.NonDeterminismRule;
import io.entityflow.ir.analysis.rules.OverloadRule;
import io.entityflow.ir.analysis.rules.ReadOnlyRule;
import io.entityflow.ir.analysis.rules.ReferenceAsObjectRule;
import io.entityflow.ir.analysis.rules.RemoteCallInLoopRule;
import io.entityflow.ir.analysis.rules.RemoteCallPlacementRule;
import io.entityflow.ir.analysis.rules.Rule;
import io.entityflow.ir.analysis.rules.SharingAcrossEntitiesRule;
import io.entityflow.ir.analysis.rules.RuleContext;
import io.entityflow.ir.analysis.rules.SerializableTypeRule;
import io.entityflow.ir.analysis.rules.StaticFieldRule;
import io.entityflow.ir.analysis.rules.UnresolvedRule;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.diag.SourceRange;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.model.ProgramModel;
import io.entityflow.ir.source.ParsedProgram;
import io.entityflow.ir.source.SourceFile;
import io.entityflow.ir.split.JavaTypes;
import io.entityflow.ir.split.MethodSplitter;
import io.entityflow.ir.split.SplitMethod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one entry point of the analysis, shared by the CLI, the compiler and the language server: parse
 * the sources, build the entity model, classify calls, run every rule, split every suspending method.
 * It never throws for bad input: syntax errors, unresolved types and internal failures on one method
 * all become diagnostics.
 */
public final class EntityAnalyzer {
    private static final List<Rule> RULES = List.of(new EntityShapeRule(), new KeyRule(), new StaticFieldRule(),
            new SerializableTypeRule(), new OverloadRule(), new RemoteCallPlacementRule(), new ForeignFieldRule(),
            new ReadOnlyRule(), new UnresolvedRule(), new BlockingCallRule(), new RemoteCallInLoopRule(),
            new NonDeterminismRule(), new ReferenceAsObjectRule(), new SharingAcrossEntitiesRule());

    private EntityAnalyzer() {
    }

    public static Analysis analyze(List<SourceFile> files) {
        return analyzePart(files, Set.of());
    }

    /**
     * Analyses a part of a program that is closed under references (every type its files mention is declared in
     * them or outside the program), as the language server does to re-analyse only what an edit affects. The
     * result for these files equals that of analysing the whole program, given the method names every entity of
     * the whole program declares (the one fact about unreferenced files the analysis uses).
     */
    public static Analysis analyzePart(List<SourceFile> files, Set<String> wholeProgramEntityMethodNames) {
        try {
            return analyzeParsed(ParsedProgram.parse(files), wholeProgramEntityMethodNames);
        } catch (StackOverflowError e) {
            // A pathologically deep expression: refuse the program with a diagnostic rather than crash.
            ParsedProgram empty = ParsedProgram.parse(List.of());
            String file = files.isEmpty() ? "<none>" : files.get(0).name();
            Diagnostic tooDeep = new Diagnostic(Code.EF100.name(), Code.EF100.severity(), file, SourceRange.UNKNOWN,
                    "the program is nested too deeply to analyse (an expression or else-if chain thousands of levels"
                            + " deep); split it into smaller parts", List.of());
            return new Analysis(empty, ProgramModel.of(empty), CallGraph.build(ProgramModel.of(empty)), List.of(tooDeep), Map.of());
        }
    }

    private static Analysis analyzeParsed(ParsedProgram parsed, Set<String> wholeProgramEntityMethodNames) {
        ProgramModel model = ProgramModel.of(parsed);
        CallGraph calls = CallGraph.build(model, wholeProgramEntityMethodNames);
        ReadOnlyRule.WriteAnalysis.run(calls);
        RuleContext context = new RuleContext(calls);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.syntaxErrors());
        for (EntityModel entity : model.entities()) {
            for (Rule rule : RULES) {
                try {
                    rule.check(entity, context);
                } catch (RuntimeException | StackOverflowError e) {
                    diagnostics.add(internalError(entity, rule.getClass().getSimpleName(), e));
                }
            }
        }
        diagnostics.addAll(context.diagnostics());
        diagnostics.addAll(model.duplicates().stream().map(d -> new Diagnostic(Code.EF113.name(), Code.EF113.severity(),
                parsed.fileOf(d.findCompilationUnit().orElseThrow()), SourceRange.of(d.getName()),
                "entity `" + d.getFullyQualifiedName().orElse(d.getNameAsString()) + "` is declared twice in the program;"
                        + " rename or remove one of them", List.of())).toList());
        Map<String, SplitMethod> splits = new LinkedHashMap<>();
        JavaTypes types = new JavaTypes(model);
        for (EntityModel entity : model.entities()) {
            for (MethodModel method : entity.methods()) {
                if (method.isSuspending() && method.declaration().getBody().isPresent()
                        && !hasErrorInside(diagnostics, entity, method)) {
                    MethodSplitter.split(calls, types, entity, method, splits, diagnostics);
                }
            }
        }
        diagnostics.sort(Comparator.comparing(Diagnostic::file)
                .thenComparingInt(d -> d.range().startLine())
                .thenComparingInt(d -> d.range().startColumn())
                .thenComparing(Diagnostic::code));
        return new Analysis(parsed, model, calls, List.copyOf(dedupe(diagnostics)), splits);
    }

    /** A method with an error already reported inside is not split: its error says what to fix first. */
    private static boolean hasErrorInside(List<Diagnostic> diagnostics, EntityModel entity, MethodModel method) {
        SourceRange range = SourceRange.of(method.declaration());
        return diagnostics.stream().anyMatch(d -> d.isError() && d.file().equals(entity.file())
                && range.contains(d.range().startLine(), d.range().startColumn()));
    }

    private static List<Diagnostic> dedupe(List<Diagnostic> diagnostics) {
        return diagnostics.stream().distinct().toList();
    }

    private static Diagnostic internalError(EntityModel entity, String where, Throwable e) {
        return new Diagnostic(Code.EF111.name(), Code.EF111.severity(), entity.file(),
                SourceRange.of(entity.declaration().getName()),
                "internal error in " + where + " (" + e + "); please report this with the entity's source", List.of());
    }
}
