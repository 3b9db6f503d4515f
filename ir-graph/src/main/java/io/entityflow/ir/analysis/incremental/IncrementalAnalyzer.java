package io.entityflow.ir.analysis.incremental;

import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.source.SourceFile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps a program's diagnostics current while its files change, re-analysing only the files an edit can
 * affect. The analysis itself is whole-program (types resolve across files), so each update analyses the
 * smallest part of the program that gives the same result as analysing all of it:
 * <ul>
 *   <li><b>dirty</b>: the changed files and, transitively, every file that mentions a type a dirty file declares
 *   (or declared before the change), plus files calling a method name that the change added to or removed from
 *   the entities' method names. Their diagnostics are recomputed and may differ.</li>
 *   <li><b>analysed</b>: the dirty files and, transitively, every file they mention a type of. This part is closed
 *   under references, so {@link EntityAnalyzer#analyzePart} gives exactly the whole-program result for it.</li>
 * </ul>
 * Re-parsed per update: the changed files (once alone for their {@link FileFacts}) and the analysed part;
 * nothing else is parsed or resolved, and no syntax tree outlives the {@link Update} it was returned in.
 * Files are analysed in name order, as {@code entityflow check} loads them in path order.
 */
public final class IncrementalAnalyzer {
    /** The outcome of one update; {@code analysis} is null when nothing needed analysing. */
    public record Update(Set<String> dirty, Set<String> analysed, Set<String> removed, Analysis analysis) {
        public boolean isEmpty() {
            return analysis == null && removed.isEmpty();
        }
    }

    private final TreeMap<String, String> texts = new TreeMap<>();
    private final Map<String, FileFacts> facts = new HashMap<>();
    private final Map<String, Set<String>> declaringFiles = new HashMap<>();
    private final Map<String, Set<String>> mentioningFiles = new HashMap<>();
    private final Map<String, Set<String>> callingFiles = new HashMap<>();
    private final Map<String, List<Diagnostic>> diagnostics = new HashMap<>();
    private Set<String> entityMethodNames = Set.of();
    /**
     * Files whose text and index are already the new ones but whose analysis failed: the next update analyses
     * them again, whatever it is given (without this, their unchanged text would say they are up to date).
     */
    private final Set<String> unanalysed = new TreeSet<>();
    private final PartAnalyzer partAnalyzer;

    /** How a part of the program is analysed: {@link EntityAnalyzer#analyzePart}, or a stand-in in tests. */
    interface PartAnalyzer {
        Analysis analyze(List<SourceFile> sources, Set<String> entityMethodNames);
    }

    public IncrementalAnalyzer() {
        this(EntityAnalyzer::analyzePart);
    }

    IncrementalAnalyzer(PartAnalyzer partAnalyzer) {
        this.partAnalyzer = partAnalyzer;
    }

    /** Sets the text of new or changed files and forgets removed ones, then re-analyses what that affects. */
    public synchronized Update update(Map<String, String> changedTexts, Set<String> removedFiles) {
        Set<String> seeds = new TreeSet<>(unanalysed);
        Set<String> touchedTypes = new HashSet<>();
        changedTexts.forEach((file, text) -> {
            if (!text.equals(texts.get(file))) {
                seeds.add(file);
                touchedTypes.addAll(factsOf(file).declaredTypes());
                FileFacts now = FileFacts.of(new SourceFile(file, text));
                touchedTypes.addAll(now.declaredTypes());
                texts.put(file, text);
                index(file, now);
            }
        });
        Set<String> removed = new TreeSet<>();
        for (String file : removedFiles) {
            if (!changedTexts.containsKey(file) && texts.remove(file) != null) {
                removed.add(file);
                unanalysed.remove(file);
                touchedTypes.addAll(factsOf(file).declaredTypes());
                index(file, FileFacts.NONE);
                facts.remove(file);
                diagnostics.remove(file);
            }
        }
        if (seeds.isEmpty() && removed.isEmpty()) {
            return new Update(Set.of(), Set.of(), Set.of(), null);
        }
        Set<String> dirty = new TreeSet<>(seeds);
        touchedTypes.forEach(type -> dirty.addAll(mentioningFiles.getOrDefault(type, Set.of())));
        Set<String> names = wholeProgramEntityMethodNames();
        for (String changedName : symmetricDifference(entityMethodNames, names)) {
            dirty.addAll(callingFiles.getOrDefault(changedName, Set.of()));
        }
        entityMethodNames = names;
        dirty.retainAll(texts.keySet());
        Set<String> closedDirty = closure(dirty, this::dependents);
        if (closedDirty.isEmpty()) {
            return new Update(Set.of(), Set.of(), removed, null);
        }
        Set<String> analysed = closure(closedDirty, this::dependencies);
        unanalysed.addAll(closedDirty);
        Analysis analysis = analyse(analysed);
        unanalysed.clear();
        for (String file : analysed) {
            diagnostics.put(file, analysis.diagnostics().stream().filter(d -> d.file().equals(file)).toList());
        }
        return new Update(closedDirty, analysed, removed, analysis);
    }

    /** The current diagnostics of a file (empty for unknown files). */
    public synchronized List<Diagnostic> diagnostics(String file) {
        return diagnostics.getOrDefault(file, List.of());
    }

    /** Every diagnostic of the program, in the order {@code entityflow check} prints them. */
    public synchronized List<Diagnostic> allDiagnostics() {
        return texts.keySet().stream().flatMap(f -> diagnostics(f).stream()).toList();
    }

    public synchronized Set<String> files() {
        return Set.copyOf(texts.keySet());
    }

    public synchronized Optional<String> text(String file) {
        return Optional.ofNullable(texts.get(file));
    }

    /** A fresh analysis of the part of the program a file depends on: what editor features read the file from. */
    public synchronized Optional<Analysis> analysisFor(String file) {
        if (!texts.containsKey(file)) {
            return Optional.empty();
        }
        return Optional.of(analyse(closure(Set.of(file), this::dependencies)));
    }

    /** The files whose diagnostics would change with this one's (for callers that group files). */
    public synchronized Set<String> dependentsOf(String file) {
        return closure(Set.of(file), this::dependents);
    }

    private Analysis analyse(Set<String> part) {
        List<SourceFile> sources = new TreeSet<>(part).stream().map(f -> new SourceFile(f, texts.get(f))).toList();
        try {
            return partAnalyzer.analyze(sources, entityMethodNames);
        } finally {
            // JavaParser keeps one facade per type solver in a static WeakHashMap whose values hold their keys, so
            // none is ever collected: each analysis would leak its whole program. Every analysis has its own solver.
            JavaParserFacade.clearInstances();
        }
    }

    private FileFacts factsOf(String file) {
        return facts.getOrDefault(file, FileFacts.NONE);
    }

    private void index(String file, FileFacts now) {
        FileFacts before = factsOf(file);
        before.declaredTypes().forEach(t -> unlink(declaringFiles, t, file));
        before.referenceCandidates().forEach(t -> unlink(mentioningFiles, t, file));
        before.calledMethods().forEach(m -> unlink(callingFiles, m, file));
        now.declaredTypes().forEach(t -> declaringFiles.computeIfAbsent(t, k -> new HashSet<>()).add(file));
        now.referenceCandidates().forEach(t -> mentioningFiles.computeIfAbsent(t, k -> new HashSet<>()).add(file));
        now.calledMethods().forEach(m -> callingFiles.computeIfAbsent(m, k -> new HashSet<>()).add(file));
        facts.put(file, now);
    }

    private static void unlink(Map<String, Set<String>> index, String key, String file) {
        Set<String> files = index.get(key);
        if (files != null && files.remove(file) && files.isEmpty()) {
            index.remove(key);
        }
    }

    /** Files mentioning a type this file declares. */
    private Set<String> dependents(String file) {
        Set<String> found = new HashSet<>();
        factsOf(file).declaredTypes().forEach(t -> found.addAll(mentioningFiles.getOrDefault(t, Set.of())));
        return found;
    }

    /** Files declaring a type this file mentions. */
    private Set<String> dependencies(String file) {
        Set<String> found = new HashSet<>();
        for (String candidate : factsOf(file).referenceCandidates()) {
            found.addAll(declaringFiles.getOrDefault(candidate, Set.of()));
        }
        return found;
    }

    private static Set<String> closure(Set<String> start, java.util.function.Function<String, Set<String>> next) {
        Set<String> seen = new LinkedHashSet<>(start);
        Deque<String> work = new ArrayDeque<>(start);
        while (!work.isEmpty()) {
            for (String neighbour : next.apply(work.pop())) {
                if (seen.add(neighbour)) {
                    work.push(neighbour);
                }
            }
        }
        return seen;
    }

    /** Method names of the entities the whole program's model has: the first declaration of a name wins. */
    private Set<String> wholeProgramEntityMethodNames() {
        Set<String> seenEntities = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String file : texts.keySet()) {
            factsOf(file).entityMethods().forEach((entity, methods) -> {
                if (seenEntities.add(entity)) {
                    names.addAll(methods);
                }
            });
        }
        return names;
    }

    private static Set<String> symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> difference = new HashSet<>(a);
        difference.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        difference.removeAll(both);
        return difference;
    }
}
