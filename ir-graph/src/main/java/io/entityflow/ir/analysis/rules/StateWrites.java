package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.Type;
import io.entityflow.ir.analysis.CallGraph;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.FieldModel;
import io.entityflow.ir.model.MethodModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a method body may change its entity's state, directly or through an alias. Entity state holds values
 * (EF106: scalars, JDK collections and maps, arrays, records, builders), so an object a field holds can only be
 * changed by assigning into it or by calling one of its changing methods — wherever the reference has gone:
 * into a local, a loop variable, a lambda's parameter, a pattern variable, the element of another collection.
 * This follows those references (flow-insensitively, so a local that ever names state always does) and counts
 * as a write every assignment into a state object, every call on one that is not a known read, every method
 * reference to such a call, and every hand-over to a local method that changes its parameter or to a JDK
 * method that changes its argument ({@code Collections.sort}, {@code Arrays.fill}). A copy
 * ({@code new ArrayList<>(items)}, {@code List.copyOf}, {@code clone()}) is the method's own to change; its
 * elements are still state.
 */
final class StateWrites {
    /** A write: the node that changes state and the field (or {@code this}) whose object it changes. */
    record Write(Node node, String field) {
    }

    /** How much of an expression's value is the entity's state. Ordered: a later one includes the earlier. */
    private enum Reach {
        NONE, ELEMENTS, DIRECT;

        Reach or(Reach other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /** What a reference names: how much of it is state, and which field's. */
    private record Alias(Reach reach, String field) {
        static final Alias NONE = new Alias(Reach.NONE, null);

        Alias or(Alias other) {
            return reach.compareTo(other.reach) >= 0 ? this : other;
        }

        Alias elementsOnly() {
            return reach == Reach.NONE ? this : new Alias(Reach.ELEMENTS, field);
        }

        Alias direct() {
            return reach == Reach.NONE ? this : new Alias(Reach.DIRECT, field);
        }

        boolean any() {
            return reach != Reach.NONE;
        }
    }

    /** Methods of the JDK's value types that change nothing (any arity). */
    private static final Set<String> READS = Set.of("get", "getOrDefault", "size", "isEmpty", "contains",
            "containsKey", "containsValue", "containsAll", "indexOf", "lastIndexOf", "equals", "hashCode", "toString",
            "length", "charAt", "codePointAt", "substring", "subSequence", "keySet", "values", "entrySet",
            "navigableKeySet", "descendingKeySet", "descendingMap", "descendingSet", "iterator", "listIterator",
            "descendingIterator", "spliterator", "stream", "parallelStream", "forEach", "subList", "headMap", "tailMap",
            "subMap", "headSet", "tailSet", "floor", "ceiling", "higher", "lower", "floorKey", "ceilingKey", "higherKey",
            "lowerKey", "floorEntry", "ceilingEntry", "higherEntry", "lowerEntry", "firstKey", "lastKey", "first", "last",
            "firstEntry", "lastEntry", "getFirst", "getLast", "peek", "peekFirst", "peekLast", "element", "compareTo",
            "compare", "getKey", "getValue", "toArray", "clone", "isPresent", "orElse", "orElseGet", "orElseThrow",
            "ifPresent", "ifPresentOrElse", "map", "filter", "flatMap", "collect", "count", "anyMatch", "allMatch",
            "noneMatch", "findFirst", "findAny", "min", "max", "sum", "average", "reduce", "mapToInt", "mapToLong",
            "mapToDouble", "mapToObj", "boxed", "sorted", "distinct", "limit", "skip", "toList", "takeWhile", "dropWhile",
            "getClass", "hasNext", "next", "hasPrevious", "previous", "nextIndex", "previousIndex", "name", "ordinal",
            "startsWith", "endsWith", "matches", "isBlank", "strip", "trim", "toUpperCase", "toLowerCase", "split",
            "chars", "compareToIgnoreCase", "equalsIgnoreCase", "capacity", "reversed", "comparator", "forEachOrdered",
            "flatMapToInt", "flatMapToLong", "flatMapToDouble", "flatMapToObj", "mapMulti", "forEachRemaining",
            "getAsInt", "getAsLong", "getAsDouble", "summaryStatistics", "iterate", "asList", "intValue", "longValue",
            "doubleValue", "floatValue", "shortValue", "byteValue", "booleanValue", "charValue", "toPlainString",
            "signum", "negate", "abs", "scale", "precision", "stripTrailingZeros", "toEpochMilli", "getEpochSecond",
            "getNano", "toMillis", "getSeconds", "toLocalDate", "getYear", "getMonth", "getMonthValue",
            "getDayOfMonth", "getDayOfWeek", "isNegative", "isZero", "keys", "elements");
    /** Reads whose result is a number, a boolean or a string: nothing of state can be reached through it. */
    private static final Set<String> SCALAR_READS = Set.of("size", "isEmpty", "contains", "containsKey",
            "containsValue", "containsAll", "indexOf", "lastIndexOf", "equals", "hashCode", "toString", "length",
            "charAt", "count", "compareTo", "compare", "anyMatch", "allMatch", "noneMatch", "sum", "hasNext",
            "name", "ordinal", "startsWith", "endsWith", "matches", "isBlank", "strip", "trim", "toUpperCase",
            "toLowerCase", "substring", "isPresent", "compareToIgnoreCase", "equalsIgnoreCase", "capacity",
            "nextIndex", "previousIndex", "getAsInt", "getAsLong", "getAsDouble");
    /** Calls of a functional interface's method: they run code that may change what they are given. */
    private static final Set<String> FUNCTION_CALLS = Set.of("accept", "apply", "test", "applyAsInt", "applyAsLong",
            "applyAsDouble");
    /** JDK classes whose static methods (other than {@link #STATIC_WRITES}) change none of their arguments. */
    private static final Set<String> JDK_STATICS = Set.of("Collections", "Arrays", "List", "Set", "Map", "Objects",
            "String", "Math", "StrictMath", "Integer", "Long", "Double", "Float", "Short", "Byte", "Boolean",
            "Character", "Optional", "Stream", "IntStream", "LongStream", "DoubleStream", "Collectors", "System",
            "BigDecimal", "BigInteger", "UUID", "Instant", "Duration", "LocalDate", "LocalDateTime", "LocalTime",
            "Comparator", "Map.Entry", "Entry", "EnumSet", "StringBuilder");
    /** Methods without arguments that change their object; any other argument-less method reads (a record's accessors). */
    private static final Set<String> ARGUMENTLESS_WRITES = Set.of("clear", "pop", "poll", "pollFirst", "pollLast",
            "pollFirstEntry", "pollLastEntry", "remove", "removeFirst", "removeLast", "reverse", "trimToSize", "sort");
    /** Static JDK methods that change their first argument ({@code System.arraycopy}: its third). */
    private static final Map<String, Integer> STATIC_WRITES = Map.ofEntries(Map.entry("sort", 0), Map.entry("fill", 0),
            Map.entry("reverse", 0), Map.entry("shuffle", 0), Map.entry("swap", 0), Map.entry("rotate", 0),
            Map.entry("addAll", 0), Map.entry("setAll", 0), Map.entry("parallelSort", 0), Map.entry("parallelSetAll", 0),
            Map.entry("parallelPrefix", 0), Map.entry("arraycopy", 2), Map.entry("copy", 0), Map.entry("replaceAll", 0));
    /** JDK collections whose copy constructor copies (the new container is the method's own). */
    private static final Set<String> JDK_CONTAINERS = Set.of("ArrayList", "LinkedList", "HashMap", "LinkedHashMap",
            "TreeMap", "HashSet", "LinkedHashSet", "TreeSet", "ArrayDeque", "PriorityQueue", "StringBuilder", "EnumMap", "EnumSet", "Vector", "Stack");
    /** Methods whose result is a new container (its elements may still be state). */
    private static final Set<String> COPIES = Set.of("clone", "toArray", "toList", "collect", "copyOf", "copyOfRange");
    /** Types whose values cannot be changed through a reference. */
    private static final Set<String> UNCHANGEABLE = Set.of("boolean", "byte", "short", "int", "long", "float",
            "double", "char", "Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double", "Character", "String",
            "BigDecimal", "BigInteger", "UUID", "Instant", "LocalDate", "LocalDateTime", "LocalTime", "Duration",
            "Period", "ZonedDateTime", "OffsetDateTime", "OffsetTime", "YearMonth", "Year", "MonthDay", "ZoneId",
            "ZoneOffset", "DayOfWeek", "Month", "Objects", "Math");

    private final EntityModel entity;
    private final CallGraph calls;
    private final boolean fieldsAreState;
    private final Map<String, Alias> locals = new HashMap<>();
    /** The names the method declares (parameters, locals, lambda parameters, pattern variables). */
    private final Set<String> declared = new HashSet<>();
    /** Lambda parameters and pattern variables: they hide a field of the same name where they are used. */
    private final Set<String> innerNames = new HashSet<>();
    /** The declared type of each local (the last declaration of a name, for a name declared twice). */
    private final Map<String, Type> declaredTypes = new HashMap<>();
    /** Per local method and parameter: does it change what it is handed? Shared with nested analyses. */
    private final Map<String, Boolean> parameterWrites;

    private StateWrites(EntityModel entity, CallGraph calls, boolean fieldsAreState, Map<String, Boolean> parameterWrites) {
        this.entity = entity;
        this.calls = calls;
        this.fieldsAreState = fieldsAreState;
        this.parameterWrites = parameterWrites;
    }

    /** The writes of {@code entity}'s state in {@code method}. */
    static List<Write> in(CallableDeclaration<?> method, EntityModel entity, CallGraph calls) {
        return new StateWrites(entity, calls, true, new HashMap<>()).find(method);
    }

    private List<Write> find(CallableDeclaration<?> method) {
        for (VariableDeclarator variable : method.findAll(VariableDeclarator.class)) {
            declared.add(variable.getNameAsString());
            declaredTypes.put(variable.getNameAsString(), variable.getType());
        }
        method.findAll(Parameter.class).forEach(p -> declared.add(p.getNameAsString()));
        for (TypePatternExpr pattern : method.findAll(TypePatternExpr.class)) {
            declared.add(pattern.getNameAsString());
            innerNames.add(pattern.getNameAsString());
        }
        method.findAll(LambdaExpr.class).forEach(l -> l.getParameters().forEach(p -> innerNames.add(p.getNameAsString())));
        followAliases(method);
        List<Write> writes = new ArrayList<>();
        method.walk(node -> writeAt(node).ifPresent(field -> writes.add(new Write(node, field))));
        return writes;
    }

    /** Locals, loop variables, lambda parameters and pattern variables that name state, until nothing changes. */
    private void followAliases(Node body) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node node : body.findAll(Node.class)) {
                changed |= aliasAt(node);
            }
        }
    }

    private boolean aliasAt(Node node) {
        if (node instanceof VariableDeclarator variable && variable.getInitializer().isPresent()
                && !(variable.getParentNode().orElse(null) instanceof com.github.javaparser.ast.body.FieldDeclaration)) {
            return bind(variable.getNameAsString(), variable.getType(), alias(variable.getInitializer().get()));
        }
        if (node instanceof AssignExpr assign && assign.getTarget() instanceof NameExpr name && !isField(name)) {
            return bind(name.getNameAsString(), declaredTypes.get(name.getNameAsString()), alias(assign.getValue()));
        }
        if (node instanceof AssignExpr assign && assign.getTarget() instanceof ArrayAccessExpr element
                && element.getName() instanceof NameExpr array && declared.contains(array.getNameAsString())) {
            return bind(array.getNameAsString(), null, alias(assign.getValue()).elementsOnly()); // box[0] = items
        }
        if (node instanceof ForEachStmt loop) {
            VariableDeclarator variable = loop.getVariable().getVariable(0);
            return bind(variable.getNameAsString(), variable.getType(), alias(loop.getIterable()).direct());
        }
        if (node instanceof LambdaExpr lambda && lambda.getParentNode().orElse(null) instanceof MethodCallExpr call
                && handsOverState(call)) {
            boolean changed = false;
            for (Parameter parameter : lambda.getParameters()) {
                changed |= bind(parameter.getNameAsString(), parameter.getType(), handedOver(call));
            }
            return changed;
        }
        if (node instanceof MethodReferenceExpr reference && declared.contains(scopeName(reference))
                && !READS.contains(reference.getIdentifier())
                && reference.getParentNode().orElse(null) instanceof MethodCallExpr call && handsOverState(call)) {
            return bind(scopeName(reference), null, handedOver(call).elementsOnly()); // nested.forEach(acc::add)
        }
        if (node instanceof TypePatternExpr pattern) {
            return bind(pattern.getNameAsString(), pattern.getType(), matched(pattern).direct());
        }
        if (node instanceof MethodCallExpr call && call.getScope().orElse(null) instanceof NameExpr local
                && declared.contains(local.getNameAsString()) && !isField(local) && !isRead(call)) {
            // result.add(items), result.put(k, items): the local's elements may now be state
            Alias argument = call.getArguments().stream().map(this::alias).reduce(Alias.NONE, Alias::or);
            return bind(local.getNameAsString(), null, argument.elementsOnly());
        }
        return false;
    }

    private boolean bind(String local, Type declared, Alias alias) {
        if (!alias.any() || (declared != null && !declared.isVarType() && unchangeable(declared.asString()))) {
            return false;
        }
        Alias before = locals.getOrDefault(local, Alias.NONE);
        Alias after = before.or(alias);
        locals.put(local, after);
        return after.reach != before.reach;
    }

    /** What a call whose arguments include a lambda hands that lambda's parameters: elements of state, or none. */
    private Alias handedOver(MethodCallExpr call) {
        if (fieldsAreState && calls.site(call).map(site -> site.kind() == CallSite.Kind.LOCAL).orElse(false)) {
            return new Alias(Reach.DIRECT, "this"); // a local method may hand its lambda anything of the state
        }
        Alias scope = call.getScope().map(this::alias).orElse(Alias.NONE);
        Alias arguments = call.getArguments().stream().filter(a -> !(a instanceof LambdaExpr)).map(this::alias)
                .reduce(Alias.NONE, Alias::or);
        return scope.or(arguments).direct();
    }

    private boolean handsOverState(MethodCallExpr call) {
        return handedOver(call).any();
    }

    private Alias matched(TypePatternExpr pattern) {
        Optional<InstanceOfExpr> test = pattern.findAncestor(InstanceOfExpr.class);
        if (test.isPresent()) {
            return alias(test.get().getExpression());
        }
        Optional<SwitchStmt> statement = pattern.findAncestor(SwitchStmt.class);
        if (statement.isPresent()) {
            return alias(statement.get().getSelector());
        }
        return pattern.findAncestor(SwitchExpr.class).map(s -> alias(s.getSelector())).orElse(Alias.NONE);
    }

    /** How much of {@code expression}'s value is state. */
    private Alias alias(Expression expression) {
        if (expression instanceof EnclosedExpr enclosed) {
            return alias(enclosed.getInner());
        }
        if (expression instanceof CastExpr cast) {
            return alias(cast.getExpression());
        }
        if (expression instanceof ConditionalExpr conditional) {
            return alias(conditional.getThenExpr()).or(alias(conditional.getElseExpr()));
        }
        if (expression instanceof AssignExpr assign) {
            return alias(assign.getValue());
        }
        if (expression instanceof ThisExpr self && self.getTypeName().isEmpty()) {
            return fieldsAreState ? new Alias(Reach.DIRECT, "this") : Alias.NONE;
        }
        if (expression instanceof NameExpr inner && innerNames.contains(inner.getNameAsString())
                && hiddenByInnerName(inner)) {
            return locals.getOrDefault(inner.getNameAsString(), Alias.NONE);
        }
        if (expression instanceof NameExpr || (expression instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr)) {
            Optional<String> field = fieldsAreState ? Fields.stateField(expression, entity) : Optional.empty();
            if (field.isPresent()) {
                return changeable(field.get()) ? new Alias(Reach.DIRECT, field.get()) : Alias.NONE;
            }
            return expression instanceof NameExpr name ? locals.getOrDefault(name.getNameAsString(), Alias.NONE) : Alias.NONE;
        }
        if (expression instanceof FieldAccessExpr access) {
            return alias(access.getScope()).direct();
        }
        if (expression instanceof ArrayAccessExpr element) {
            return alias(element.getName()).direct();
        }
        if (expression instanceof MethodCallExpr call) {
            return callResult(call);
        }
        if (expression instanceof ObjectCreationExpr creation) {
            // a JDK collection's copy constructor copies; another class may keep what it is given
            Alias given = creation.getArguments().stream().map(this::alias).reduce(Alias.NONE, Alias::or);
            return creation.getType().getScope().isEmpty() && isJdkContainer(creation.getType().getNameAsString())
                    ? given.elementsOnly() : given;
        }
        if (expression instanceof ArrayCreationExpr array) {
            return array.getInitializer().map(init -> init.getValues().stream().map(this::alias)
                    .reduce(Alias.NONE, Alias::or).elementsOnly()).orElse(Alias.NONE);
        }
        if (expression instanceof com.github.javaparser.ast.expr.ArrayInitializerExpr values) {
            return values.getValues().stream().map(this::alias).reduce(Alias.NONE, Alias::or).elementsOnly();
        }
        if (expression instanceof LambdaExpr lambda) {
            // a supplier of state hands out state: () -> items
            Alias result = lambda.getExpressionBody().map(this::alias).orElse(Alias.NONE);
            for (com.github.javaparser.ast.stmt.ReturnStmt returned : lambda.findAll(com.github.javaparser.ast.stmt.ReturnStmt.class)) {
                result = result.or(returned.getExpression().map(this::alias).orElse(Alias.NONE));
            }
            return result;
        }
        if (expression instanceof SwitchExpr choice) {
            Alias result = Alias.NONE;
            for (YieldStmt yield : choice.findAll(YieldStmt.class)) {
                result = result.or(alias(yield.getExpression()));
            }
            for (var entry : choice.getEntries()) {
                if (entry.getStatements().size() == 1 && entry.getStatement(0) instanceof ExpressionStmt value) {
                    result = result.or(alias(value.getExpression()));
                }
            }
            return result;
        }
        return Alias.NONE;
    }

    private Alias callResult(MethodCallExpr call) {
        Optional<CallSite> site = calls.site(call);
        if (site.isPresent() && site.get().kind() != CallSite.Kind.UNRESOLVED && site.get().kind() != CallSite.Kind.LOCAL) {
            return Alias.NONE; // another entity's answer is a copy
        }
        if (site.isPresent() && site.get().kind() == CallSite.Kind.LOCAL) {
            // a local method may hand back one of the fields
            return fieldsAreState ? new Alias(Reach.DIRECT, "this") : Alias.NONE;
        }
        if (SCALAR_READS.contains(call.getNameAsString())) {
            return Alias.NONE;
        }
        Alias scope = call.getScope().filter(s -> !(s instanceof TypeExpr)).map(this::alias).orElse(Alias.NONE);
        Alias arguments = call.getArguments().stream().map(this::alias).reduce(Alias.NONE, Alias::or);
        Alias result = scope.or(arguments);
        return COPIES.contains(call.getNameAsString()) ? result.elementsOnly() : result.direct();
    }

    /** The field whose object {@code node} changes, if it changes state. */
    private Optional<String> writeAt(Node node) {
        if (node instanceof AssignExpr assign) {
            return assignedState(assign.getTarget());
        }
        if (node instanceof UnaryExpr unary && unary.getOperator().name().contains("CREMENT")) {
            return assignedState(unary.getExpression());
        }
        if (node instanceof MethodCallExpr call) {
            return callWrite(call);
        }
        if (node instanceof MethodReferenceExpr reference && reference.getScope() instanceof ThisExpr) {
            return thisMethodWrites(reference);
        }
        if (node instanceof MethodReferenceExpr reference && !READS.contains(reference.getIdentifier())) {
            Alias target = referenced(reference);
            return target.reach == Reach.DIRECT ? Optional.of(target.field) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * What a method reference's method runs on: {@code items::add} (parsed as a type, {@code items}), or the
     * elements a call hands over ({@code nested.forEach(List::clear)}).
     */
    private Alias referenced(MethodReferenceExpr reference) {
        if (reference.getIdentifier().equals("new")) {
            return Alias.NONE;
        }
        if (reference.getScope() instanceof ThisExpr) {
            return Alias.NONE; // this::helper: see thisMethodWrites
        }
        if (!(reference.getScope() instanceof TypeExpr type)) {
            return alias(reference.getScope());
        }
        String name = type.getType().asString();
        if (unchangeable(name)) {
            return Alias.NONE; // Integer::intValue, String::valueOf, Objects::nonNull, BigDecimal::add
        }
        if (declared.contains(name)) {
            return locals.getOrDefault(name, Alias.NONE);
        }
        if (fieldsAreState && entity.field(name).isPresent()) {
            return changeable(name) ? new Alias(Reach.DIRECT, name) : Alias.NONE;
        }
        return reference.getParentNode().orElse(null) instanceof MethodCallExpr call ? handedOver(call) : Alias.NONE;
    }

    /** {@code this::helper} runs a local method on what it is handed: it writes if the method writes. */
    private Optional<String> thisMethodWrites(MethodReferenceExpr reference) {
        if (refersToWritingMethod(reference, entity)) {
            return Optional.of("this");
        }
        for (MethodModel method : entity.methods(reference.getIdentifier())) {
            if (reference.getParentNode().orElse(null) instanceof MethodCallExpr call && handedOver(call).any()
                    && changesParameter(method, 0)) {
                return Optional.of(handedOver(call).field());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code this::bump} where {@code bump} writes state: whoever runs the reference writes. Depends on which
     * methods write, so the program's fixpoint asks it again ({@link ReadOnlyRule.WriteAnalysis}).
     */
    static boolean refersToWritingMethod(MethodReferenceExpr reference, EntityModel entity) {
        return reference.getScope() instanceof ThisExpr
                && entity.methods(reference.getIdentifier()).stream().anyMatch(MethodModel::writesState);
    }

    private Optional<String> assignedState(Expression target) {
        if (fieldsAreState) {
            Optional<String> field = Fields.stateField(target, entity);
            if (field.isPresent()) {
                return field;
            }
        }
        Alias into = target instanceof FieldAccessExpr access ? alias(access.getScope())
                : target instanceof ArrayAccessExpr element ? alias(element.getName()) : Alias.NONE;
        return into.reach == Reach.DIRECT ? Optional.of(into.field) : Optional.empty();
    }

    private Optional<String> callWrite(MethodCallExpr call) {
        Optional<CallSite> site = calls.site(call);
        if (site.isPresent() && site.get().kind() == CallSite.Kind.REMOTE && site.get().target() == entity
                && entity.methods(call.getNameAsString()).stream().anyMatch(MethodModel::isStatic)) {
            return handedToOwnStatic(call); // A.dedupe(items): a static method of this class, not a remote call
        }
        if (site.isPresent() && site.get().kind() != CallSite.Kind.UNRESOLVED) {
            // a remote call copies its arguments; a local one changes what it is handed if its body does
            return site.get().kind() == CallSite.Kind.LOCAL ? handedToLocal(call, site.get()) : Optional.empty();
        }
        Optional<String> handed = call.getArguments().stream().map(this::alias).filter(a -> a.reach == Reach.DIRECT)
                .map(Alias::field).findFirst();
        if (call.getScope().isPresent() && !(call.getScope().get() instanceof TypeExpr)) {
            Expression scopeExpression = call.getScope().get();
            Alias scope = alias(scopeExpression);
            if (scope.reach == Reach.DIRECT && !isRead(call, scopeExpression) && !resolvesUnchangeable(scopeExpression)) {
                return Optional.of(scope.field);
            }
            if (call.getNameAsString().equals("toArray") && handed.isPresent()) {
                return handed; // src.toArray(peeks) fills the array it is given
            }
            if (!isStaticLooking(scopeExpression)) {
                // c.accept(items): a function of the method's own may change what it is given
                return FUNCTION_CALLS.contains(call.getNameAsString()) && scopeExpression instanceof NameExpr local
                        && declared.contains(local.getNameAsString()) ? handed : Optional.empty();
            }
            String type = scopeExpression.toString();
            if (handed.isPresent() && type.equals(entity.name())) {
                return handedToOwnStatic(call);
            }
            if (handed.isPresent() && !JDK_STATICS.contains(type.substring(type.lastIndexOf('.') + 1))
                    && !type.startsWith("java.")) {
                return handed; // a helper class the analysis does not read may change what it is given
            }
        }
        Integer changed = STATIC_WRITES.get(call.getNameAsString());
        if (changed != null && changed < call.getArguments().size()) {
            Alias argument = alias(call.getArgument(changed));
            return argument.reach == Reach.DIRECT ? Optional.of(argument.field) : Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code A.normalize(items)}: a static method of the entity's own class, read like a local call. */
    private Optional<String> handedToOwnStatic(MethodCallExpr call) {
        int arity = call.getArguments().size();
        Optional<MethodModel> target = entity.methods(call.getNameAsString()).stream()
                .filter(m -> m.parameters().size() == arity).findFirst()
                .or(() -> entity.methods(call.getNameAsString()).stream().findFirst());
        return handedTo(call, target);
    }

    private Optional<String> handedToLocal(MethodCallExpr call, CallSite site) {
        return handedTo(call, calls.localTarget(site));
    }

    private Optional<String> handedTo(MethodCallExpr call, Optional<MethodModel> target) {
        if (target.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < call.getArguments().size(); i++) {
            Alias argument = alias(call.getArgument(i));
            if (argument.reach == Reach.DIRECT && changesParameter(target.get(), i)) {
                return Optional.of(argument.field);
            }
        }
        return Optional.empty();
    }

    /** Whether a local method changes the object it is handed as parameter {@code index} (recursion: assumed not). */
    private boolean changesParameter(MethodModel method, int index) {
        var declaration = method.declaration();
        if (index >= declaration.getParameters().size()) {
            index = declaration.getParameters().size() - 1; // varargs
        }
        if (index < 0) {
            return false;
        }
        String key = entity.qualifiedName() + "#" + System.identityHashCode(declaration) + "#" + index;
        Boolean known = parameterWrites.get(key);
        if (known != null) {
            return known;
        }
        parameterWrites.put(key, false);
        Parameter parameter = declaration.getParameter(index);
        boolean writes = false;
        if (!unchangeable(parameter.getType().asString())) {
            StateWrites callee = new StateWrites(entity, calls, false, parameterWrites);
            callee.locals.put(parameter.getNameAsString(), new Alias(Reach.DIRECT, parameter.getNameAsString()));
            writes = !callee.find(declaration).isEmpty();
        }
        parameterWrites.put(key, writes);
        return writes;
    }

    /** The simple name a method reference is made on ({@code acc::add} parses {@code acc} as a type). */
    private static String scopeName(MethodReferenceExpr reference) {
        Expression scope = reference.getScope();
        if (scope instanceof NameExpr name) {
            return name.getNameAsString();
        }
        return scope instanceof TypeExpr type ? type.getType().asString() : "";
    }

    /** Whether a lambda parameter or pattern variable named like {@code name} is in scope where it is used. */
    private static boolean hiddenByInnerName(NameExpr name) {
        String identifier = name.getNameAsString();
        for (Node at = name.getParentNode().orElse(null); at != null; at = at.getParentNode().orElse(null)) {
            if (at instanceof LambdaExpr lambda && lambda.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(identifier))) {
                return true;
            }
            if (at instanceof com.github.javaparser.ast.stmt.Statement statement && statement.findAll(TypePatternExpr.class)
                    .stream().anyMatch(p -> p.getNameAsString().equals(identifier))) {
                return true;
            }
            if (at instanceof CallableDeclaration<?>) {
                return false;
            }
        }
        return false;
    }

    /** The type solver knows the expression's type and it cannot be changed (a String, a BigDecimal, an enum). */
    private static boolean resolvesUnchangeable(Expression expression) {
        try {
            var type = expression.calculateResolvedType();
            if (type.isPrimitive()) {
                return true;
            }
            if (!type.isReferenceType()) {
                return false;
            }
            var reference = type.asReferenceType();
            String qualified = reference.getQualifiedName();
            return unchangeable(qualified) || qualified.startsWith("java.time.")
                    || reference.getTypeDeclaration().map(d -> d.isEnum()).orElse(false);
        } catch (RuntimeException | StackOverflowError unresolved) {
            return false;
        }
    }

    private static boolean isRead(MethodCallExpr call) {
        String name = call.getNameAsString();
        return READS.contains(name) || (call.getArguments().isEmpty() && !ARGUMENTLESS_WRITES.contains(name));
    }

    /**
     * A call on a state object that changes nothing: a known read, or an argument-less method that is a JDK
     * type's (other than its known writes) or a record's component accessor — a record's own method
     * ({@code at.reset()}) may change the collections it holds.
     */
    private boolean isRead(MethodCallExpr call, Expression scope) {
        String name = call.getNameAsString();
        if (READS.contains(name)) {
            return true;
        }
        if (!call.getArguments().isEmpty() || ARGUMENTLESS_WRITES.contains(name)) {
            return false;
        }
        try {
            var type = scope.calculateResolvedType();
            if (type.isReferenceType()) {
                var reference = type.asReferenceType();
                if (reference.getQualifiedName().startsWith("java.")) {
                    return true;
                }
                Optional<Node> declaration = reference.getTypeDeclaration().flatMap(d -> d.toAst());
                if (declaration.isPresent()) {
                    return declaration.get() instanceof com.github.javaparser.ast.body.RecordDeclaration record
                            && isComponent(record, name);
                }
            }
        } catch (RuntimeException | StackOverflowError unresolved) {
            // the type is unknown: any record of the program with such a component will do
        }
        return calls.program().entities().stream()
                .flatMap(e -> e.unit().findAll(com.github.javaparser.ast.body.RecordDeclaration.class).stream())
                .anyMatch(record -> isComponent(record, name));
    }

    private static boolean isComponent(com.github.javaparser.ast.body.RecordDeclaration record, String name) {
        return record.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name));
    }

    /** {@code Collections}, {@code java.util.Arrays}: a capitalised name that is no local or field. */
    private boolean isStaticLooking(Expression scope) {
        if (scope instanceof FieldAccessExpr qualified) {
            return Character.isUpperCase(qualified.getNameAsString().charAt(0));
        }
        if (!(scope instanceof NameExpr name)) {
            return false;
        }
        String identifier = name.getNameAsString();
        return Character.isUpperCase(identifier.charAt(0)) && !declared.contains(identifier) && !isField(name);
    }

    private boolean isField(NameExpr name) {
        return Fields.stateField(name, entity).isPresent();
    }

    private boolean changeable(String field) {
        return entity.field(field).map(StateWrites::changeable).orElse(true);
    }

    private static boolean changeable(FieldModel field) {
        if (field.entityType() != null || unchangeable(field.type())) {
            return false;
        }
        try {
            var type = field.declarator().getType().resolve();
            return !(type.isReferenceType() && (type.asReferenceType().getQualifiedName().startsWith("java.time.")
                    || type.asReferenceType().getTypeDeclaration().map(d -> d.isEnum()).orElse(false)));
        } catch (RuntimeException | StackOverflowError unresolved) {
            return true;
        }
    }

    private static boolean unchangeable(String type) {
        String raw = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
        return UNCHANGEABLE.contains(raw.substring(raw.lastIndexOf('.') + 1).trim());
    }

    private static boolean isJdkContainer(String type) {
        return JDK_CONTAINERS.contains(type);
    }
}
