package io.entityflow.ir.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.resolution.UnsolvedSymbolException;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.model.ProgramModel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Classifies every call in entity code (remote, create, local, unresolved) and decides which methods
 * suspend: those that make a remote call, directly or through local methods that do (a fixpoint).
 */
public final class CallGraph {
    private final ProgramModel program;
    private final Map<Expression, CallSite> sites = new IdentityHashMap<>();
    private final Set<String> entityMethodNames;
    private final Map<Node, Boolean> splitContainers = new IdentityHashMap<>();
    private final Map<Node, List<CallSite>> sitesByContainer = new IdentityHashMap<>();

    private CallGraph(ProgramModel program, Set<String> moreEntityMethodNames) {
        this.program = program;
        this.entityMethodNames = program.entities().stream()
                .flatMap(e -> e.methods().stream()).map(MethodModel::name).collect(Collectors.toCollection(java.util.HashSet::new));
        this.entityMethodNames.addAll(moreEntityMethodNames);
    }

    public static CallGraph build(ProgramModel program) {
        return build(program, Set.of());
    }

    /**
     * @param moreEntityMethodNames method names declared by entities outside {@code program}, when it is only a
     *     part of the whole program: a call through an unresolved value is suspicious when any entity of the
     *     whole program declares its method name (see {@link #unresolvedReason}).
     */
    public static CallGraph build(ProgramModel program, Set<String> moreEntityMethodNames) {
        CallGraph graph = new CallGraph(program, moreEntityMethodNames);
        for (EntityModel entity : program.entities()) {
            entity.declaration().walk(Node.TreeTraversal.PREORDER, node -> {
                if (node instanceof MethodCallExpr call) {
                    graph.classify(entity, call);
                } else if (node instanceof ObjectCreationExpr creation) {
                    graph.classify(entity, creation);
                }
            });
        }
        graph.indexSites();
        graph.computeSuspension();
        graph.markSplitContainers();
        return graph;
    }

    private void classify(EntityModel caller, ObjectCreationExpr creation) {
        program.entityNamed(creation.getType()).ifPresent(target ->
                sites.put(creation, new CallSite(creation, CallSite.Kind.CREATE, caller, target, "<init>", null)));
    }

    private void classify(EntityModel caller, MethodCallExpr call) {
        String name = call.getNameAsString();
        Optional<Expression> scope = call.getScope();
        if (scope.isEmpty() || scope.get() instanceof ThisExpr || scope.get() instanceof SuperExpr) {
            if (!caller.methods(name).isEmpty()) {
                sites.put(call, new CallSite(call, CallSite.Kind.LOCAL, caller, caller, name, null));
            }
            return;
        }
        Expression receiver = scope.get();
        Optional<EntityModel> target;
        try {
            target = TypeNames.qualifiedNameOrThrow(receiver).flatMap(program::byQualifiedName);
        } catch (StackOverflowError e) {
            // Never guess "local" for a call we could not type: that would silently skip a split point.
            sites.put(call, new CallSite(call, CallSite.Kind.UNRESOLVED, caller, null, name,
                    "the expression is nested too deeply for the type solver"));
            return;
        }
        if (target.isEmpty()) {
            target = LambdaParameters.inferredType(receiver).flatMap(program::byQualifiedName);
        }
        if (target.isPresent()) {
            // Methods an entity does not declare (equals, hashCode, toString) act on the reference itself.
            if (!target.get().methods(name).isEmpty()) {
                sites.put(call, new CallSite(call, CallSite.Kind.REMOTE, caller, target.get(), name, null));
            }
            return;
        }
        unresolvedReason(receiver, name).ifPresent(reason ->
                sites.put(call, new CallSite(call, CallSite.Kind.UNRESOLVED, caller, null, name, reason)));
    }

    /** The entity type of a receiver expression, using the symbol solver only where names do not decide. */
    public Optional<EntityModel> entityTypeOf(Expression receiver) {
        Optional<EntityModel> resolved = TypeNames.typeOf(receiver)
                .flatMap(TypeNames::qualifiedName)
                .flatMap(program::byQualifiedName);
        return resolved.isPresent() ? resolved : LambdaParameters.inferredType(receiver).flatMap(program::byQualifiedName);
    }

    /**
     * Why the receiver's type is unknown, when that matters: the value is declared with a type that does
     * not resolve, or the method name is one an entity declares (so the call may well be remote).
     */
    private Optional<String> unresolvedReason(Expression receiver, String method) {
        if (!(receiver instanceof NameExpr || receiver instanceof FieldAccessExpr || receiver instanceof MethodCallExpr)) {
            return Optional.empty();
        }
        try {
            receiver.calculateResolvedType();
            return Optional.empty();
        } catch (UnsolvedSymbolException e) {
            boolean looksLikeType = receiver instanceof NameExpr name
                    && Character.isUpperCase(name.getNameAsString().charAt(0)) && !name.getNameAsString().equals(e.getName());
            if (looksLikeType) {
                return Optional.empty();
            }
            if (entityMethodNames.contains(method) || e.getName() != null && Character.isUpperCase(e.getName().charAt(0))) {
                return Optional.of("the type of `" + receiver + "` cannot be resolved"
                        + (e.getName() != null ? " (unknown symbol `" + e.getName() + "`)" : ""));
            }
            return Optional.empty();
        } catch (RuntimeException | StackOverflowError e) {
            // the solver gave up in another way on a variable (an inferred lambda parameter, typically): a call
            // of a method an entity declares may be remote, so it is reported rather than passed as local. Calls
            // on computed values (`map.computeIfAbsent(k, f).add(v)`) the solver often cannot type; those stay as
            // they were, or every such JDK idiom would be an error wherever an entity has an `add` method.
            return receiver instanceof NameExpr && entityMethodNames.contains(method)
                    ? Optional.of("the type of `" + receiver + "` cannot be resolved (the type solver gave up: "
                    + e.getClass().getSimpleName() + "); declare its type explicitly")
                    : Optional.empty();
        }
    }

    /** Each entity class and each of its members maps to its call sites, in source order. */
    private void indexSites() {
        for (EntityModel entity : program.entities()) {
            List<CallSite> all = walkSites(entity.declaration());
            sitesByContainer.put(entity.declaration(), all);
            for (CallSite site : all) {
                Closures.member(site.expression(), entity.declaration()).ifPresent(member ->
                        sitesByContainer.computeIfAbsent(member, m -> new ArrayList<>()).add(site));
            }
        }
    }

    private void computeSuspension() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (EntityModel entity : program.entities()) {
                for (MethodModel method : entity.methods()) {
                    if (!method.isSuspending() && !method.isStatic() && containsSplitPoint(entity, method)) {
                        method.markSuspending();
                        changed = true;
                    }
                }
            }
        }
    }

    private boolean containsSplitPoint(EntityModel entity, MethodModel method) {
        MethodDeclaration declaration = method.declaration();
        for (CallSite site : sitesIn(declaration)) {
            if (Closures.enclosingClosure(site.expression(), declaration).isEmpty() && isSplitPoint(site)) {
                return true;
            }
        }
        return false;
    }

    /** Remote calls, creates, and local calls of suspending methods: the points where a method is split. */
    public boolean isSplitPoint(CallSite site) {
        return switch (site.kind()) {
            case REMOTE, CREATE -> true;
            case LOCAL -> localTarget(site).map(MethodModel::isSuspending).orElse(false);
            case UNRESOLVED -> false;
        };
    }

    public boolean isSplitPoint(Node node) {
        CallSite site = node instanceof Expression e ? sites.get(e) : null;
        return site != null && isSplitPoint(site);
    }

    /** The local method a LOCAL site calls, matched by name and argument count. */
    public Optional<MethodModel> localTarget(CallSite site) {
        List<MethodModel> candidates = site.caller().methods(site.method());
        int arity = ((MethodCallExpr) site.expression()).getArguments().size();
        return candidates.stream().filter(m -> m.parameters().size() == arity).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    public Optional<CallSite> site(Node node) {
        return node instanceof Expression e ? Optional.ofNullable(sites.get(e)) : Optional.empty();
    }

    /**
     * The classified calls below a node, in source order. Answered from an index for entity classes and
     * their members (rules and fixpoints ask for those repeatedly); other nodes are walked.
     */
    public List<CallSite> sitesIn(Node root) {
        List<CallSite> indexed = sitesByContainer.get(root);
        if (indexed != null) {
            return indexed;
        }
        if (root instanceof com.github.javaparser.ast.body.BodyDeclaration<?>
                && root.getParentNode().map(sitesByContainer::containsKey).orElse(false)) {
            return List.of(); // a member of an entity without any call site
        }
        return walkSites(root);
    }

    private List<CallSite> walkSites(Node root) {
        List<CallSite> found = new ArrayList<>();
        root.walk(Node.TreeTraversal.PREORDER, node -> {
            if (node instanceof Expression e) {
                CallSite site = sites.get(e);
                if (site != null) {
                    found.add(site);
                }
            }
        });
        return found;
    }

    /**
     * Whether a node contains a split point that runs as part of it (not inside a closure, where split
     * points are errors anyway). Answered from a set built once, since lowering asks for every node.
     */
    public boolean containsSplitPoint(Node root) {
        return splitContainers.containsKey(root);
    }

    private void markSplitContainers() {
        for (CallSite site : sites.values()) {
            if (!isSplitPoint(site)) {
                continue;
            }
            for (Node current = site.expression(); current != null; current = current.getParentNode().orElse(null)) {
                if (Closures.isClosure(current)) {
                    break;
                }
                splitContainers.put(current, Boolean.TRUE);
            }
        }
    }

    public ProgramModel program() {
        return program;
    }
}
