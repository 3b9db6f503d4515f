package io.entityflow.ir.differential;

import io.entityflow.ir.source.SourceFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random but legal entity programs (Java 17 source text) that stress the method splitter: a callee
 * entity {@code Counter} and a caller entity {@code Driver} whose generated methods mix remote calls with
 * arithmetic, short-circuit conditions, loops, labelled jumps, switch, try/catch/finally, early returns and
 * suspending local calls. Deterministic for a seed.
 *
 * <p>Every generated method terminates (loops are bounded by counters the body cannot reset, and no method calls
 * itself, directly or not), compiles as Java 17 (a local is readable only where it is definitely assigned, a name
 * is declared again only where the first declaration is out of scope, and every {@code return}/{@code break}/
 * {@code continue}/{@code throw} is the last statement of an {@code if (...) { ... }} without {@code else}, so no
 * statement is ever unreachable) and ends with {@code return <expr>;}.
 *
 * <p>The {@code INCLUDE_*} switches turn single constructs on and off. Those that are off ("BUG", "DIVERGENCE")
 * exclude a construct that the split code gets wrong, until it is fixed: turn them on to reproduce it.
 */
public final class EntityProgramGenerator {
    /** Package of the generated entities (another one can be asked for, to compile several programs together). */
    static final String PACKAGE = "gen";

    static final boolean INCLUDE_SHORT_CIRCUIT = true;
    /** Locals naming the Driver's own objects (a field, an element of a field, an array) and builders across calls. */
    static final boolean INCLUDE_ALIASES = true;
    /** The program's own exception class thrown by Counter.take and caught with its fields in the Driver. */
    static final boolean INCLUDE_OWN_EXCEPTIONS = true;
    /** `this` passed to Counter.meet, varargs calls of Counter.sumAll. */
    static final boolean INCLUDE_THIS_AND_VARARGS = true;
    /**
     * References in generic collections and Optional, == on references after a call, pattern variables across a
     * call, a generic suspending method, an enum with behaviour.
     */
    static final boolean INCLUDE_REFERENCES_PATTERNS_GENERICS = true;
    /** One program in this many gets a construct that cannot be split, which check must reject with its code. */
    static final int ONE_REJECTED_IN = 8;
    static final boolean INCLUDE_TERNARY = true;
    static final boolean INCLUDE_NESTED_REMOTE_ARGUMENTS = true;
    static final boolean INCLUDE_ASSIGNMENT_IN_EXPRESSION = true;
    static final boolean INCLUDE_INCREMENT_IN_EXPRESSION = true;
    static final boolean INCLUDE_STATIC_CALL_WITH_REMOTE_ARGUMENTS = true;
    static final boolean INCLUDE_FOR = true;
    static final boolean INCLUDE_WHILE = true;
    static final boolean INCLUDE_DO_WHILE = true;
    static final boolean INCLUDE_FOREACH = true;
    static final boolean INCLUDE_LABELLED_LOOPS = true;
    static final boolean INCLUDE_LABELLED_BLOCK = true;
    static final boolean INCLUDE_SWITCH = true;
    static final boolean INCLUDE_ARROW_SWITCH = true;
    static final boolean INCLUDE_SWITCH_EXPRESSION = true;
    static final boolean INCLUDE_TRY = true;
    static final boolean INCLUDE_MULTI_CATCH = true;
    static final boolean INCLUDE_CATCH_VARIABLE_USE = true;
    static final boolean INCLUDE_THROW = true;
    static final boolean INCLUDE_RETHROW_IN_CATCH = true;
    /** {@code return}, {@code break} or {@code continue} inside a {@code finally} block that leaves it. */
    static final boolean INCLUDE_JUMP_OUT_OF_FINALLY = true;
    static final boolean INCLUDE_EARLY_RETURN = true;
    static final boolean INCLUDE_BREAK_CONTINUE = true;
    static final boolean INCLUDE_HELPERS = true;
    /** Generated method {@code mK} calling an earlier generated method {@code mJ} (J < K). */
    static final boolean INCLUDE_CALLS_OF_PUBLIC_METHODS = true;
    static final boolean INCLUDE_PURE_LOCAL_CALL = true;
    static final boolean INCLUDE_LOCAL_LIST = true;
    static final boolean INCLUDE_STREAM_WITHOUT_REMOTE_CALL = true;
    static final boolean INCLUDE_CREATE = true;
    static final boolean INCLUDE_VAR = true;
    /** {@code this.acc}, {@code this.helper0(...)}. */
    static final boolean INCLUDE_EXPLICIT_THIS = true;
    /** {@code &}, {@code |}, {@code ^} and {@code |=} on booleans: both operands always evaluated. */
    static final boolean INCLUDE_NON_SHORT_CIRCUIT_BOOLEAN_OPS = true;
    /** A method called on a value computed by a remote call: {@code String.valueOf(counter.get()).length()}. */
    static final boolean INCLUDE_CALL_ON_REMOTE_RESULT = true;
    static final boolean INCLUDE_FIELD_INCREMENT_IN_EXPRESSION = true;
    /** Sibling scopes declare the same names (loop variables, catch parameters, locals of other types). */
    static final boolean INCLUDE_REUSED_NAMES = true;
    /** Locals of entity type used as receivers; {@code counter} and {@code other} swapped (also by helpers). */
    static final boolean INCLUDE_ENTITY_LOCALS_AND_SWAPS = true;
    static final boolean INCLUDE_STRING_SWITCH = true;
    /**
     * Receivers computed by expressions: {@code (counter.isEven() ? counter : other).add(1)} (a remote call in the
     * receiver), {@code choose(p).add(1)} (a local method returning an entity reference); entity references compared
     * with {@code ==}; a suspending local call with an entity parameter, {@code via(other, p)}.
     */
    static final boolean INCLUDE_COMPUTED_RECEIVERS = true;
    /** Lambdas (without remote calls) capturing effectively final locals that live across split points. */
    static final boolean INCLUDE_LAMBDA_CAPTURE = true;
    /** {@code final long k0 = counter.get();} */
    static final boolean INCLUDE_FINAL_LOCALS = true;
    /** {@code long u0; if (...) { u0 = ...; } else { u0 = ...; }} */
    static final boolean INCLUDE_DEFERRED_INITIALISATION = true;
    /** {@code int} and {@code String} locals across split points, with compound assignments ({@code s0 += counter.get()}). */
    static final boolean INCLUDE_INT_AND_STRING_LOCALS = true;
    /**
     * BUG: a compound assignment to a local variable or parameter whose right-hand side makes a remote call and
     * also assigns that variable ({@code x -= counter.echo(x--)}, {@code p -= counter.echo(p = 5)}): the split
     * code reads {@code x} after evaluating the right-hand side instead of before it (as Java does), so the
     * result differs. Off: the right-hand side of {@code x op= ...} never assigns {@code x}.
     */
    static final boolean INCLUDE_COMPOUND_ASSIGN_TO_LOCAL_ASSIGNED_IN_RHS = true;
    /**
     * BUG: {@code int op Long} ({@code 2 * v}, {@code steps - v} with {@code Long v}) saved across a split point
     * ({@code return (2 * v) + counter.get();}) is typed int, not long: the generated temporary is an int and the
     * split code does not compile ("possible lossy conversion from long to int"). Off: a {@code Long} loop
     * variable is only used unboxed, as {@code (long) v}.
     */
    static final boolean INCLUDE_BARE_BOXED_LONG_OPERAND = true;
    /**
     * DIVERGENCE: an enhanced {@code for} over a list whose body makes a remote call and modifies the list
     * ({@code buf.add(..)}, {@code buf.removeIf(..)}): plain Java throws ConcurrentModificationException, the
     * split code iterates over a snapshot (Loops.snapshot) and completes. Off: the iterated list is not modified.
     */
    static final boolean INCLUDE_MODIFY_LIST_WHILE_ITERATING = false;

    /** One generated program. */
    /**
     * @param rejectedWith the codes of the unsplittable construct the program deliberately contains (check must
     *                     report exactly these errors), empty for a program that must run like plain Java
     */
    public record Program(long seed, String packageName, String counterSource, String driverSource, List<String> methods,
                   java.util.Set<String> rejectedWith) {
        public List<SourceFile> files() {
            String folder = packageName.replace('.', '/');
            return List.of(new SourceFile(folder + "/Counter.java", counterSource),
                    new SourceFile(folder + "/Driver.java", driverSource),
                    new SourceFile(folder + "/Shortage.java", SHORTAGE.replace("%PACKAGE%", packageName)));
        }

        public String text() {
            String folder = packageName.replace('.', '/');
            return "// ---- seed " + seed + ": " + folder + "/Counter.java\n" + counterSource
                    + "// ---- " + folder + "/Driver.java\n" + driverSource;
        }
    }

    /** The callee entity; {@code %PACKAGE%} stands for the package. */
    static final String COUNTER = """
            package %PACKAGE%;

            import io.entityflow.api.Entity;
            import io.entityflow.api.Key;
            import io.entityflow.api.ReadOnly;

            import java.util.ArrayList;
            import java.util.List;

            @Entity
            public class Counter {
                @Key
                private String id;
                private long value;
                private List<Long> log = new ArrayList<>();
                private List<Driver> seen = new ArrayList<>();

                public Counter(String id) {
                    this.id = id;
                }

                public long take(long x) {
                    if (x > value + 5) {
                        throw new Shortage(id, x - value);
                    }
                    value -= x;
                    return value;
                }

                public long meet(Driver d) {
                    if (!seen.contains(d)) {
                        seen.add(d);
                    }
                    return seen.size();
                }

                public long sumAll(long... xs) {
                    long total = 0;
                    for (long x : xs) {
                        total += x;
                    }
                    value += total;
                    return total;
                }

                public long add(long x) {
                    value += x;
                    return value;
                }

                @ReadOnly
                public long get() {
                    return value;
                }

                @ReadOnly
                public boolean isEven() {
                    return value % 2 == 0;
                }

                public long failIfAbove(long limit) {
                    if (value > limit) {
                        throw new IllegalStateException("above " + limit);
                    }
                    return value;
                }

                public void record(long x) {
                    log.add(x);
                }

                public long echo(long x) {
                    return x;
                }
            }
            """;

    private EntityProgramGenerator() {
    }

    public static Program generate(long seed) {
        return generate(seed, PACKAGE);
    }

    public static Program generate(long seed, String packageName) {
        return new Gen(new Random(seed), seed, packageName).program();
    }

    static String counterSource(String packageName) {
        return COUNTER.replace("%PACKAGE%", packageName);
    }

    /** The program's own exception: fields, a constructor that formats its message. */
    static final String SHORTAGE = """
            package %PACKAGE%;

            public class Shortage extends RuntimeException {
                private final String item;
                private final long missing;

                public Shortage(String item, long missing) {
                    super(item + " is short by " + missing);
                    this.item = item;
                    this.missing = missing;
                }

                public String item() {
                    return item;
                }

                public long missing() {
                    return missing;
                }
            }
            """;

    // ------------------------------------------------------------------------------------------------

    /**
     * What a local is. LONG: an assignable long; READ_ONLY: a loop counter (int, incremented by the loop); FINAL: an
     * effectively final long (lambdas may capture it); BOXED: a {@code Long} loop variable; EXCEPTION: a catch
     * parameter, or a name declared but not yet readable.
     */
    private enum Kind { LONG, BOOL, READ_ONLY, FINAL, BOXED, LIST, COUNTER, EXCEPTION, INT, STRING }

    private record Local(String name, Kind kind, boolean assignable) {
    }

    private enum TargetKind { LOOP, SWITCH, BLOCK }

    /** An enclosing statement a {@code break}/{@code continue} may target. */
    private record Target(TargetKind kind, String label) {
    }

    /**
     * Where a statement is generated: nesting depth left, jump targets (innermost last), the index below which
     * targets lie outside an enclosing finally block or switch expression, whether return is allowed, and the
     * lists being iterated (not to be modified).
     */
    private record Ctx(int depth, List<Target> targets, int floor, boolean returnAllowed, List<String> iterated) {
        Ctx deeper() {
            return new Ctx(depth - 1, targets, floor, returnAllowed, iterated);
        }

        Ctx with(Target target) {
            List<Target> more = new ArrayList<>(targets);
            more.add(target);
            return new Ctx(depth - 1, more, floor, returnAllowed, iterated);
        }

        Ctx iterating(String list) {
            List<String> more = new ArrayList<>(iterated);
            more.add(list);
            return new Ctx(depth, targets, floor, returnAllowed, more);
        }

        Ctx finallyBlock() {
            return INCLUDE_JUMP_OUT_OF_FINALLY ? deeper() : new Ctx(depth - 1, targets, targets.size(), false, iterated);
        }

        Ctx switchExpressionArm() {
            return new Ctx(depth - 1, targets, targets.size(), false, iterated);
        }
    }

    private static final class Gen {
        private final Random r;
        private final long seed;
        private final String packageName;
        private final StringBuilder out = new StringBuilder();
        private int indent;
        private int names;
        /** Visible locals, innermost scope last. */
        private final List<List<Local>> scopes = new ArrayList<>();
        /** Helpers callable from the method being generated. */
        private int helpersCallable;
        /** Public generated methods callable from the method being generated. */
        private int methodsCallable;
        private int publicCallsLeft;
        private boolean inHelper;
        private boolean usesCreate;
        /** Locals that must not be assigned now (see INCLUDE_COMPOUND_ASSIGN_TO_LOCAL_ASSIGNED_IN_RHS). */
        private final List<String> frozen = new ArrayList<>();
        /** A local to prefer as the target of assignments in expressions (the target of a compound assignment). */
        private Local hot;
        private boolean inComputedReceiver;
        /** The codes of the unsplittable construct put into this program, if any. */
        private final java.util.Set<String> rejectedWith = new java.util.TreeSet<>();
        /** Whether this program gets one unsplittable construct (decided once per program). */
        private boolean rejectOne;
        /** Makes the next loop body contain a jump statement. */
        private boolean jumpInNextLoop;
        /** Number of enclosing try blocks (of the statement being generated). */
        private int tryDepth;

        Gen(Random r, long seed, String packageName) {
            this.packageName = packageName;
            this.r = r;
            this.seed = seed;
        }

        Program program() {
            rejectOne = ONE_REJECTED_IN > 0 && new Random(seed * 977).nextInt(ONE_REJECTED_IN) == 0;
            int helpers = INCLUDE_HELPERS ? 1 + r.nextInt(2) : 0;
            int methods = 3 + r.nextInt(4);
            StringBuilder body = new StringBuilder();
            List<String> methodNames = new ArrayList<>();
            for (int h = 0; h < helpers; h++) {
                helpersCallable = h;
                methodsCallable = 0;
                inHelper = true;
                method(body, "private", "helper" + h, List.of("x"));
            }
            inHelper = false;
            helpersCallable = helpers;
            for (int m = 0; m < methods; m++) {
                methodsCallable = INCLUDE_CALLS_OF_PUBLIC_METHODS ? m : 0;
                publicCallsLeft = 1;
                method(body, "public", "m" + m, List.of("p", "q"));
                methodNames.add("m" + m);
            }
            StringBuilder driver = new StringBuilder();
            driver.append("package ").append(packageName).append(";\n\n")
                    .append("import io.entityflow.api.Entity;\n")
                    .append("import io.entityflow.api.Key;\n\n")
                    .append("import java.util.ArrayList;\n")
                    .append("import java.util.HashMap;\n")
                    .append("import java.util.List;\n")
                    .append("import java.util.Map;\n")
                    .append("import java.util.Optional;\n\n")
                    .append("@Entity\n")
                    .append("public class Driver {\n")
                    .append("    @Key\n")
                    .append("    private String id;\n")
                    .append("    private long acc;\n")
                    .append("    private int steps;\n")
                    .append("    private List<Counter> created = new ArrayList<>();\n")
                    .append("    private List<Long> items = new ArrayList<>();\n")
                    .append("    private List<List<Long>> nested = new ArrayList<>(List.of(new ArrayList<>()));\n")
                    .append("    private long[] counts = new long[3];\n")
                    .append("    private Counter counter;\n")
                    .append("    private Counter other;\n\n")
                    .append("    public Driver(String id, Counter counter, Counter other) {\n")
                    .append("        this.id = id;\n")
                    .append("        this.counter = counter;\n")
                    .append("        this.other = other;\n")
                    .append("    }\n\n");
            if (INCLUDE_REFERENCES_PATTERNS_GENERICS) {
                driver.append("    enum Mode {\n        UP, DOWN;\n\n")
                        .append("        long apply(long x) {\n            return this == UP ? x + 1 : x - 1;\n        }\n    }\n\n")
                        .append("    private <T> List<T> pair(T x) {\n")
                        .append("        other.record(7L);\n")
                        .append("        return List.of(x, x);\n")
                        .append("    }\n\n");
            }
            if (INCLUDE_PURE_LOCAL_CALL) {
                driver.append("    private long twice(long x) {\n")
                        .append("        return x * 2 + steps;\n")
                        .append("    }\n\n");
            }
            if (INCLUDE_COMPUTED_RECEIVERS) {
                driver.append("    private Counter choose(long x) {\n")
                        .append("        return x % 2 == 0 ? counter : other;\n")
                        .append("    }\n\n")
                        .append("    private long via(Counter c, long x) {\n")
                        .append("        c.record(x);\n")
                        .append("        return c.add(x) - c.get();\n")
                        .append("    }\n\n");
            }
            driver.append(body).append("}\n");
            return new Program(seed, packageName, counterSource(packageName), driver.toString(), methodNames, rejectedWith);
        }

        private void method(StringBuilder into, String visibility, String name, List<String> params) {
            names = 0;
            scopes.clear();
            out.setLength(0);
            indent = 2;
            pushScope();
            for (String p : params) {
                declare(p, Kind.LONG, true);
            }
            if (INCLUDE_LOCAL_LIST && !inHelper && r.nextBoolean()) {
                line("List<Long> buf = new ArrayList<>();");
                declare("buf", Kind.LIST, false);
            }
            Ctx ctx = new Ctx(inHelper ? 1 + r.nextInt(2) : r.nextInt(4) == 0 ? 3 : 2, List.of(), 0, true, List.of());
            statements(ctx, inHelper ? 1 + r.nextInt(2) : 1 + r.nextInt(3));
            line("return " + longExpr(2) + ";");
            popScope();
            into.append("    ").append(visibility).append(" long ").append(name).append("(")
                    .append(String.join(", ", params.stream().map(p -> "long " + p).toList())).append(") {\n")
                    .append(out).append("    }\n\n");
        }

        // -------------------------------------------------------------------------------- statements

        /** Statements in a nested block: mostly one or two, to keep programs (and the split code) small. */
        private int blockSize() {
            return r.nextInt(8) == 0 ? 3 : 1 + r.nextInt(2);
        }

        private void statements(Ctx ctx, int count) {
            for (int i = 0; i < count; i++) {
                statement(ctx);
            }
        }

        private void block(Ctx ctx, int count) {
            pushScope();
            indent++;
            statements(ctx, count);
            indent--;
            popScope();
        }

        private void statement(Ctx ctx) {
            boolean compound = ctx.depth() > 0;
            if (rejectOne && rejectedWith.isEmpty() && !inHelper) {
                rejected();
                return;
            }
            if (r.nextInt(5) == 0 && newConstruct()) {
                return;
            }
            int choice = r.nextInt(compound ? 32 : 12);
            if (!compound && choice == 11 && r.nextBoolean()) {
                choice = r.nextBoolean() ? 28 : 29; // simple statements too
            }
            switch (choice) {
                case 0, 1 -> declaration(ctx);
                case 2 -> declareBool();
                case 3 -> assignLocal();
                case 4 -> line((INCLUDE_EXPLICIT_THIS && r.nextInt(3) == 0 ? "this.acc " : "acc ") + pick("+=", "-=", "=") + " "
                        + longExpr(2) + ";");
                case 5 -> line(receiver() + ".record(" + longExpr(1) + ");");
                case 6 -> line(receiver() + "." + pick("add", "echo", "failIfAbove") + "(" + longExpr(1) + ");");
                case 7 -> line("steps++;");
                case 8 -> localCallStatement();
                case 9 -> listAdd(ctx);
                case 10, 11 -> jump(ctx);
                case 12, 13 -> ifStatement(ctx);
                case 14 -> forLoop(ctx);
                case 15 -> whileLoop(ctx);
                case 16 -> doWhile(ctx);
                case 17 -> forEach(ctx);
                case 18, 19 -> switchStatement(ctx);
                case 20, 21, 22 -> tryStatement(ctx);
                case 23 -> labelledBlock(ctx);
                case 24 -> switchExpression(ctx);
                case 25 -> create();
                case 26 -> labelledLoops(ctx);
                case 27 -> streamSum();
                case 28 -> entityLocal();
                case 29 -> lambdaStatement(ctx);
                default -> {
                    line("{");
                    block(ctx.deeper(), 1 + r.nextInt(2));
                    line("}");
                }
            }
        }

        /** One of the constructs of identity, own exceptions, `this` and varargs; false when none is enabled. */
        private boolean newConstruct() {
            switch (r.nextInt(INCLUDE_REFERENCES_PATTERNS_GENERICS ? 14 : 8)) {
                case 0 -> {
                    if (!INCLUDE_ALIASES) return false;
                    String alias = fresh("al");
                    line("List<Long> " + alias + " = items;");
                    line(alias + ".add(" + receiver() + ".echo(" + longExpr(1) + "));");
                    line("acc += items.size() + (" + alias + " == items ? 100 : 0);");
                }
                case 1 -> {
                    if (!INCLUDE_ALIASES) return false;
                    String inner = fresh("in");
                    String value = fresh("tv");
                    line("List<Long> " + inner + " = nested.get(0);");
                    line("long " + value + " = " + receiver() + ".add(" + longExpr(1) + ");");
                    line(inner + ".add(" + value + ");");
                    line("acc += nested.get(0).size();");
                }
                case 2 -> {
                    if (!INCLUDE_ALIASES) return false;
                    String builder = fresh("sb");
                    line("StringBuilder " + builder + " = new StringBuilder();");
                    line(builder + ".append(\"v\").append(" + receiver() + ".echo(" + longExpr(1) + ")).append(\";\");");
                    line("acc += " + builder + ".length();");
                }
                case 3 -> {
                    if (!INCLUDE_ALIASES) return false;
                    String array = fresh("ar");
                    line("long[] " + array + " = counts;");
                    line(array + "[Math.floorMod(steps, 3)] += " + receiver() + ".echo(" + longExpr(1) + ");");
                    line("acc += counts[0] * 3 + counts[1] * 2 + counts[2];");
                }
                case 4, 5 -> {
                    if (!INCLUDE_OWN_EXCEPTIONS) return false;
                    String caught = fresh("sh");
                    line("try {");
                    indent++;
                    line("acc += " + receiver() + ".take(" + longExpr(1) + ");");
                    indent--;
                    line("} catch (Shortage " + caught + ") {");
                    indent++;
                    line("acc += " + caught + ".missing();");
                    line("steps += " + caught + ".item().length();");
                    indent--;
                    line("}");
                }
                case 6 -> {
                    if (!INCLUDE_THIS_AND_VARARGS) return false;
                    line("acc += " + receiver() + ".meet(this);");
                }
                case 8 -> {
                    String groups = fresh("gr");
                    line("Map<String, List<Counter>> " + groups + " = new HashMap<>();");
                    // a field, not a computed receiver: the solver cannot type computeIfAbsent's result, which
                    // would have to be kept across the receiver's remote call (EF111 asks for a typed local then)
                    line(groups + ".computeIfAbsent(\"k\", k -> new ArrayList<>()).add(" + pick("counter", "other") + ");");
                    line("acc += " + groups + ".get(\"k\").get(0).echo(" + longExpr(1) + ");");
                }
                case 9 -> {
                    String maybe = fresh("op");
                    line("Optional<Counter> " + maybe + " = Optional.of(" + receiver() + ");");
                    line("acc += " + maybe + ".get().add(" + longExpr(1) + ") + (" + maybe + ".isPresent() ? 1 : 0);");
                }
                case 10 -> {
                    String ref = fresh("rf");
                    line("Counter " + ref + " = " + receiver() + ";");
                    line("acc += other.echo(" + longExpr(1) + ");");
                    line("acc += " + ref + " == other ? 3 : " + ref + " != counter ? 5 : 4;");
                }
                case 11 -> {
                    String value = fresh("ob");
                    String bound = fresh("pv");
                    line("Object " + value + " = acc % 2 == 0 ? (Object) Long.valueOf(acc) : (Object) \"s\";");
                    line("if (" + value + " instanceof Long " + bound + " && " + bound + " > " + receiver() + ".echo(" + longExpr(1) + ")) {");
                    indent++;
                    line("acc += " + bound + ";");
                    indent--;
                    line("}");
                }
                case 12 -> line("acc += pair(" + longExpr(1) + ").size() + pair(\"t\").get(1).length();");
                case 13 -> {
                    String mode = fresh("md");
                    line("Mode " + mode + " = acc % 2 == 0 ? Mode.UP : Mode.DOWN;");
                    line("acc = " + mode + ".apply(" + receiver() + ".echo(" + longExpr(1) + "));");
                }
                default -> {
                    if (!INCLUDE_THIS_AND_VARARGS) return false;
                    line("acc += " + receiver() + ".sumAll(" + (r.nextBoolean() ? "" : longExpr(1) + ", " + longAtom()) + ");");
                }
            }
            return true;
        }

        /** A construct check must reject; the program records its code. */
        private void rejected() {
            switch (r.nextInt(4)) {
                case 0 -> {
                    line("items.forEach(v -> counter.add(v));");
                    rejectedWith.add("EF101");
                }
                case 1 -> {
                    line("Runnable later = () -> other.record(1L);");
                    rejectedWith.add("EF101");
                }
                case 2 -> {
                    line("acc += (\"c\" + counter).length();");
                    rejectedWith.add("EF114");
                }
                default -> {
                    line("acc += counter.getClass().getSimpleName().length();");
                    rejectedWith.add("EF114");
                }
            }
        }

        /** {@code Counter c0 = p > q ? counter : other;} or a swap of the two fields through a local. */
        private void entityLocal() {
            if (!INCLUDE_ENTITY_LOCALS_AND_SWAPS) {
                declareLong();
                return;
            }
            String name = fresh("c");
            if (r.nextBoolean()) {
                line("Counter " + name + " = counter;");
                line("counter = other;");
                line("other = " + name + ";");
            } else {
                line("Counter " + name + " = " + (r.nextBoolean() ? receiver()
                        : "(" + boolExpr(1) + " ? " + receiver() + " : " + receiver() + ")") + ";");
            }
            declare(name, Kind.COUNTER, false);
        }

        private void declaration(Ctx ctx) {
            switch (r.nextInt(9)) {
                case 0 -> {
                    if (INCLUDE_FINAL_LOCALS) {
                        String name = fresh("k");
                        line((r.nextBoolean() ? "final " : "") + "long " + name + " = " + longExpr(2) + ";");
                        declare(name, Kind.FINAL, false);
                    } else {
                        declareLong();
                    }
                }
                case 1 -> {
                    if (INCLUDE_DEFERRED_INITIALISATION) {
                        deferredInitialisation(ctx);
                    } else {
                        declareLong();
                    }
                }
                case 2 -> {
                    if (INCLUDE_INT_AND_STRING_LOCALS) {
                        String name = fresh("n");
                        line("int " + name + " = (int) " + longExpr(2) + ";");
                        declare(name, Kind.INT, true);
                    } else {
                        declareLong();
                    }
                }
                case 3 -> {
                    if (INCLUDE_INT_AND_STRING_LOCALS) {
                        String name = fresh("s");
                        line("String " + name + " = \"s\" + " + longExpr(2) + ";");
                        declare(name, Kind.STRING, true);
                    } else {
                        declareLong();
                    }
                }
                case 4 -> lambdaStatement(ctx);
                default -> declareLong();
            }
        }

        private void deferredInitialisation(Ctx ctx) {
            String name = fresh("u");
            line("long " + name + ";");
            Local placeholder = new Local(name, Kind.EXCEPTION, false); // not readable before it is assigned
            scopes.get(scopes.size() - 1).add(placeholder);
            line("if (" + boolExpr(2) + ") {");
            pushScope();
            indent++;
            if (ctx.depth() > 0 && r.nextBoolean()) {
                statement(ctx.deeper());
            }
            line(name + " = " + longExpr(2) + ";");
            indent--;
            popScope();
            line("} else {");
            indent++;
            line(name + " = " + longExpr(1) + ";");
            indent--;
            line("}");
            scopes.get(scopes.size() - 1).remove(placeholder);
            declare(name, Kind.LONG, true);
        }

        /** {@code buf.removeIf(y -> y > k0);}: the lambda captures a local that lives across split points. */
        private void lambdaStatement(Ctx ctx) {
            Local list = pickLocal(Kind.LIST, false);
            if (!INCLUDE_LAMBDA_CAPTURE || list == null
                    || !INCLUDE_MODIFY_LIST_WHILE_ITERATING && ctx.iterated().contains(list.name())) {
                declareLong();
                return;
            }
            String captured = capturable();
            if (captured == null) {
                captured = fresh("k");
                line("long " + captured + " = " + longExpr(1) + ";");
                declare(captured, Kind.FINAL, false);
            }
            String y = fresh("y");
            line(list.name() + ".removeIf(" + y + " -> " + y + " " + pick(">", "<", "==") + " " + captured + ");");
        }

        /** An effectively final local (or null): lambdas may capture it. */
        private String capturable() {
            Local local = pickLocal(Kind.FINAL, false);
            if (local == null) {
                local = pickLocal(Kind.BOXED, false);
            }
            // a boxed Long compared with == would compare identities: unbox it
            return local == null ? null : local.kind() == Kind.BOXED ? "(long) " + local.name() : local.name();
        }

        private void declareLong() {
            String name = fresh("t");
            if (INCLUDE_VAR && r.nextInt(6) == 0) {
                line("var " + name + " = " + remoteCall(1) + ";"); // a remote call returns long: so is the var
            } else {
                line("long " + name + " = " + longExpr(2 + r.nextInt(2)) + ";");
            }
            declare(name, Kind.LONG, true);
        }

        private void declareBool() {
            String name = fresh(INCLUDE_REUSED_NAMES ? "t" : "b"); // a long and a boolean may share a name
            line("boolean " + name + " = " + boolExpr(2) + ";");
            declare(name, Kind.BOOL, true);
        }

        private void assignLocal() {
            if (INCLUDE_INT_AND_STRING_LOCALS && r.nextInt(3) == 0) {
                Local other = r.nextBoolean() ? pickLocal(Kind.INT, true) : pickLocal(Kind.STRING, true);
                if (other != null && other.kind() == Kind.INT) {
                    // compound assignment narrows long to int implicitly
                    line(other.name() + pick(" += ", " -= ", " *= ") + compoundRhs(other, 2) + ";");
                    return;
                }
                if (other != null) {
                    line(other.name() + (r.nextBoolean() ? " += " + compoundRhs(other, 2)
                            : " = " + longExpr(1) + " + " + other.name()) + ";");
                    return;
                }
            }
            Local local = pickLocal(Kind.LONG, true);
            if (local == null) {
                declareLong();
                return;
            }
            switch (r.nextInt(4)) {
                case 0 -> line(local.name() + " = " + longExpr(2) + ";");
                case 1 -> line(local.name() + " += " + compoundRhs(local, 2) + ";");
                case 2 -> line(local.name() + " " + pick("++", "--") + ";");
                default -> {
                    Local flag = pickLocal(Kind.BOOL, true);
                    if (flag != null) {
                        line(flag.name() + (INCLUDE_NON_SHORT_CIRCUIT_BOOLEAN_OPS ? pick(" = ", " = ", " |= ", " &= ")
                                : " = ") + boolExpr(2) + ";");
                    } else {
                        line(local.name() + " -= " + compoundRhs(local, 2) + ";");
                    }
                }
            }
        }

        private void localCallStatement() {
            String call = localCall(1);
            if (call == null) {
                line("counter.add(" + longExpr(1) + ");");
            } else {
                line(call + ";");
            }
        }

        private void listAdd(Ctx ctx) {
            Local list = pickLocal(Kind.LIST, false);
            if (list == null || !INCLUDE_MODIFY_LIST_WHILE_ITERATING && ctx.iterated().contains(list.name())) {
                line("other.record(" + longExpr(2) + ");");
                return;
            }
            line(list.name() + ".add((long) " + longExpr(2) + ");");
        }

        private void streamSum() {
            Local list = pickLocal(Kind.LIST, false);
            if (!INCLUDE_STREAM_WITHOUT_REMOTE_CALL || list == null) {
                declareLong();
                return;
            }
            String name = fresh("s");
            line("long " + name + " = " + list.name() + ".stream().mapToLong(Long::longValue).sum();");
            declare(name, Kind.LONG, true);
        }

        private void create() {
            if (!INCLUDE_CREATE || usesCreate && r.nextBoolean()) {
                line("acc += " + longExpr(2) + ";");
                return;
            }
            usesCreate = true;
            // unique keys; every created counter stays reachable from state so that the plain world finds it
            String field = pick("other", "counter");
            line(field + " = new Counter(\"n-\" + id + \"-\" + created.size());");
            line("created.add(" + field + ");");
        }

        /** {@code if (cond) { [stmt] jump; }} with a jump allowed here; or a plain statement when none is. */
        private void jump(Ctx ctx) {
            List<String> jumps = new ArrayList<>();
            if (INCLUDE_EARLY_RETURN && ctx.returnAllowed()) {
                jumps.add("return");
            }
            if (INCLUDE_THROW) {
                jumps.add("throw");
            }
            if (INCLUDE_BREAK_CONTINUE) {
                for (int i = ctx.targets().size() - 1; i >= ctx.floor(); i--) {
                    Target t = ctx.targets().get(i);
                    if (t.label() != null) {
                        jumps.add("break " + t.label());
                        if (t.kind() == TargetKind.LOOP) {
                            jumps.add("continue " + t.label());
                        }
                    }
                }
                // an unlabelled break/continue goes to the innermost loop or switch: it must lie above the floor
                int innermostBreakable = -1;
                int innermostLoop = -1;
                for (int i = ctx.targets().size() - 1; i >= 0; i--) {
                    TargetKind kind = ctx.targets().get(i).kind();
                    if (innermostBreakable < 0 && kind != TargetKind.BLOCK) {
                        innermostBreakable = i;
                    }
                    if (innermostLoop < 0 && kind == TargetKind.LOOP) {
                        innermostLoop = i;
                    }
                }
                if (innermostBreakable >= 0 && innermostBreakable >= ctx.floor()) {
                    jumps.add("break");
                }
                if (innermostLoop >= 0 && innermostLoop >= ctx.floor()) {
                    jumps.add("continue");
                }
            }
            if (jumps.isEmpty()) {
                line("acc += " + longExpr(1) + ";");
                return;
            }
            // break and continue (when there is a target) as often as return and throw
            List<String> breaks = jumps.stream().filter(j -> j.startsWith("break") || j.startsWith("continue")).toList();
            List<String> pool = !breaks.isEmpty() && r.nextBoolean() ? breaks : jumps;
            String jump = pool.get(r.nextInt(pool.size()));
            line("if (" + boolExpr(2) + ") {");
            pushScope();
            indent++;
            if (r.nextInt(3) == 0) {
                line(pick("acc += ", "acc -= ") + longExpr(1) + ";");
            }
            switch (jump) {
                case "return" -> line("return " + longExpr(2) + ";");
                // an IllegalArgumentException passes `catch (IllegalStateException e)` by, to the next handler
                case "throw" -> line("throw new " + pick("IllegalStateException", "IllegalStateException",
                        "IllegalArgumentException") + "(\"thrown \" + " + longExpr(1) + ");");
                default -> line(jump + ";");
            }
            indent--;
            popScope();
            line("}");
        }

        private void ifStatement(Ctx ctx) {
            line("if (" + boolExpr(3) + ") {");
            block(ctx.deeper(), blockSize());
            if (r.nextBoolean()) {
                if (r.nextInt(3) == 0) {
                    line("} else if (" + boolExpr(2) + ") {");
                    block(ctx.deeper(), 1 + r.nextInt(2));
                }
                line("} else {");
                block(ctx.deeper(), blockSize());
            }
            line("}");
        }

        private String loopLabel() {
            return INCLUDE_LABELLED_LOOPS && r.nextInt(3) == 0 ? fresh("L") : null;
        }

        private void forLoop(Ctx ctx) {
            if (!INCLUDE_FOR) {
                ifStatement(ctx);
                return;
            }
            forLoop(ctx, loopLabel());
        }

        private void forLoop(Ctx ctx, String label) {
            String i = fresh("i");
            int bound = 1 + r.nextInt(4);
            line(prefix(label) + "for (int " + i + " = 0; " + i + " < " + bound + "; " + i + "++) {");
            pushScope();
            declare(i, Kind.READ_ONLY, false);
            loopBody(ctx, label);
            popScope();
            line("}");
        }

        /** A loop body; a third of them (and the inner loop of labelledLoops) get an extra jump statement. */
        private void loopBody(Ctx ctx, String label) {
            Ctx body = ctx.with(new Target(TargetKind.LOOP, label));
            boolean withJump = jumpInNextLoop || r.nextInt(3) == 0;
            jumpInNextLoop = false;
            if (!withJump) {
                block(body, blockSize());
                return;
            }
            pushScope();
            indent++;
            int count = blockSize();
            int at = r.nextInt(count + 1);
            for (int k = 0; k <= count; k++) {
                if (k == at) {
                    jump(body);
                } else {
                    statement(body);
                }
            }
            indent--;
            popScope();
        }

        private void whileLoop(Ctx ctx) {
            if (!INCLUDE_WHILE) {
                ifStatement(ctx);
                return;
            }
            String label = loopLabel();
            if (r.nextBoolean()) {
                String w = fresh("w");
                line("int " + w + " = steps + " + (1 + r.nextInt(3)) + ";");
                declare(w, Kind.READ_ONLY, false);
                line(prefix(label) + "while (steps < " + w + ") {");
                indent++;
                line("steps++;");
                indent--;
            } else {
                String w = fresh("w");
                line("int " + w + " = 0;");
                declare(w, Kind.READ_ONLY, false);
                String cond = w + " < " + (1 + r.nextInt(3));
                if (INCLUDE_SHORT_CIRCUIT && r.nextBoolean()) {
                    cond = cond + " " + pick("&&", "||") + " " + boolExpr(1);
                    // a `||` with a remote call could run forever if the call keeps returning true: bound it.
                    cond = w + " < 4 && (" + cond + ")";
                }
                line(prefix(label) + "while (" + cond + ") {");
                indent++;
                line(w + "++;");
                indent--;
            }
            loopBody(ctx, label);
            line("}");
        }

        private void doWhile(Ctx ctx) {
            if (!INCLUDE_DO_WHILE) {
                ifStatement(ctx);
                return;
            }
            String label = loopLabel();
            String d = fresh("d");
            line("int " + d + " = 0;");
            declare(d, Kind.READ_ONLY, false);
            line(prefix(label) + "do {");
            indent++;
            line(d + "++;");
            indent--;
            loopBody(ctx, label);
            String cond = d + " < " + (1 + r.nextInt(3));
            if (r.nextBoolean()) {
                cond = cond + " && " + boolExpr(2);
            }
            line("} while (" + cond + ");");
        }

        private void forEach(Ctx ctx) {
            if (!INCLUDE_FOREACH) {
                ifStatement(ctx);
                return;
            }
            String label = loopLabel();
            String v = fresh("v");
            Local list = pickLocal(Kind.LIST, false);
            String iterable;
            Ctx inner = ctx;
            if (list != null && r.nextBoolean()) {
                iterable = list.name();
                inner = ctx.iterating(list.name());
            } else {
                // every element typed long, so that the list is a List<Long>
                iterable = "List.of((long) " + longAtomOrCall() + ", (long) " + longAtomOrCall() + ", " + r.nextInt(5) + "L)";
            }
            boolean boxed = r.nextBoolean();
            line(prefix(label) + "for (" + (boxed ? "Long" : "long") + " " + v + " : " + iterable + ") {");
            pushScope();
            declare(v, boxed ? Kind.BOXED : Kind.FINAL, false);
            loopBody(inner, label);
            popScope();
            line("}");
        }

        private void labelledLoops(Ctx ctx) {
            if (!INCLUDE_LABELLED_LOOPS) {
                forLoop(ctx);
                return;
            }
            String outer = fresh("outer");
            String i = fresh("i");
            line(outer + ": for (int " + i + " = 0; " + i + " < " + (2 + r.nextInt(3)) + "; " + i + "++) {");
            pushScope();
            declare(i, Kind.READ_ONLY, false);
            indent++;
            Ctx inner = ctx.with(new Target(TargetKind.LOOP, outer));
            if (r.nextBoolean()) {
                statement(inner.deeper());
            }
            jumpInNextLoop = true;
            if (r.nextBoolean()) {
                forEach(inner);
            } else {
                forLoop(inner, null);
            }
            if (r.nextBoolean()) {
                statement(inner.deeper());
            }
            indent--;
            popScope();
            line("}");
        }

        private void labelledBlock(Ctx ctx) {
            if (!INCLUDE_LABELLED_BLOCK) {
                ifStatement(ctx);
                return;
            }
            String label = fresh("B");
            line(label + ": {");
            block(ctx.with(new Target(TargetKind.BLOCK, label)), blockSize());
            line("}");
        }

        private void switchStatement(Ctx ctx) {
            if (!INCLUDE_SWITCH) {
                ifStatement(ctx);
                return;
            }
            String selector = "(int) (" + pick(inHelper ? "x" : "p", inHelper ? "acc" : "q", "acc", receiver() + ".get()",
                    receiver() + ".echo(" + longAtom() + ")", longAtom()) + " % 3)";
            boolean strings = INCLUDE_STRING_SWITCH && r.nextInt(4) == 0;
            if (strings) {
                selector = "String.valueOf(" + selector + ")";
            }
            Ctx inner = ctx.with(new Target(TargetKind.SWITCH, null));
            if (INCLUDE_ARROW_SWITCH && r.nextInt(3) == 0) {
                line("switch (" + selector + ") {");
                indent++;
                for (String label : List.of("case 0 ->", "case 1, -1 ->", "default ->")) {
                    label = strings ? label.replaceAll("(-?\\d)", "\"$1\"") : label;
                    line(label + " {");
                    block(inner, 1 + r.nextInt(2));
                    line("}");
                }
                indent--;
                line("}");
                return;
            }
            line("switch (" + selector + ") {");
            indent++;
            List<String> labels = new ArrayList<>(List.of("case 0:", "case 1:", "case -1:", "case 2:", "default:"));
            labels.removeIf(l -> r.nextInt(4) == 0 && !l.equals("default:"));
            if (r.nextInt(4) == 0) {
                labels.remove("default:");
            }
            for (int k = 0; k < labels.size(); k++) {
                line(strings ? labels.get(k).replaceAll("(-?\\d)", "\"$1\"") : labels.get(k));
                if (r.nextInt(4) == 0 && k + 1 < labels.size()) {
                    continue; // several labels on one group
                }
                indent++;
                line("{");
                block(inner, 1 + r.nextInt(2));
                line("}");
                if (r.nextInt(3) != 0) {
                    line("break;"); // otherwise falls through into the next group
                }
                indent--;
            }
            indent--;
            line("}");
        }

        private void switchExpression(Ctx ctx) {
            if (!INCLUDE_SWITCH_EXPRESSION) {
                switchStatement(ctx);
                return;
            }
            String name = fresh("z");
            // the variable's scope includes its initializer: the arms must not declare the name again
            Local placeholder = new Local(name, Kind.EXCEPTION, false);
            scopes.get(scopes.size() - 1).add(placeholder);
            String selector = "(int) (" + (inHelper ? pick("x", "acc") : pick("p", "q", receiver() + ".echo(q)")) + " % 3)";
            line("long " + name + " = switch (" + selector + ") {");
            indent++;
            line("case 0 -> " + longExpr(2) + ";");
            line("case 1 -> {");
            pushScope();
            indent++;
            statements(ctx.switchExpressionArm(), 1 + r.nextInt(2));
            line("yield " + longExpr(2) + ";");
            indent--;
            popScope();
            line("}");
            line("default -> " + longExpr(1) + ";");
            indent--;
            line("};");
            scopes.get(scopes.size() - 1).remove(placeholder);
            declare(name, Kind.LONG, true);
        }

        private void tryStatement(Ctx ctx) {
            if (!INCLUDE_TRY) {
                ifStatement(ctx);
                return;
            }
            int shape = r.nextInt(3); // 0 catch, 1 finally, 2 catch + finally
            line("try {");
            pushScope();
            indent++;
            tryDepth++;
            if (r.nextBoolean()) {
                line("acc += " + receiver() + ".failIfAbove(" + limit() + ");");
            }
            statements(ctx.deeper(), blockSize());
            tryDepth--;
            indent--;
            popScope();
            if (shape != 1) {
                String e = fresh("e");
                String type = INCLUDE_MULTI_CATCH && r.nextInt(4) == 0 ? "IllegalArgumentException | IllegalStateException"
                        : pick("IllegalStateException", "IllegalStateException", "RuntimeException");
                line("} catch (" + type + " " + e + ") {");
                pushScope();
                declare(e, Kind.EXCEPTION, false);
                indent++;
                line("acc += 7;");
                if (INCLUDE_CATCH_VARIABLE_USE && r.nextBoolean()) {
                    // the exception's class must survive the trip from the callee
                    String test = type.equals("IllegalStateException") ? e + ".getClass().getSimpleName().length()"
                            : "(" + e + " instanceof IllegalArgumentException ? 100 : 200)";
                    line("acc += " + pick(e + ".getMessage().length()", e + ".getClass().getSimpleName().length()", test) + ";");
                }
                statements(ctx.deeper(), r.nextInt(3));
                if (INCLUDE_RETHROW_IN_CATCH && r.nextInt(4) == 0) {
                    line("if (" + boolExpr(1) + ") {");
                    indent++;
                    line("throw " + e + ";");
                    indent--;
                    line("}");
                }
                indent--;
                popScope();
            }
            if (shape != 0) {
                line("} finally {");
                pushScope();
                indent++;
                line("steps++;");
                line(receiver() + ".record(acc);");
                statements(ctx.finallyBlock(), r.nextInt(2));
                indent--;
                popScope();
            }
            line("}");
        }

        /** A limit for failIfAbove that sometimes lets it pass and sometimes makes it throw. */
        private String limit() {
            return switch (r.nextInt(4)) {
                case 0 -> inHelper ? "x" : "q";
                case 1 -> receiver() + ".get() + " + (r.nextInt(5) - 2);
                case 2 -> String.valueOf(r.nextInt(20) - 5);
                default -> longExpr(1);
            };
        }

        // -------------------------------------------------------------------------------- expressions

        private String longExpr(int depth) {
            if (depth <= 0 || r.nextInt(4) == 0) {
                return r.nextBoolean() ? longAtom() : remoteCall(0);
            }
            int choice = r.nextInt(15);
            return switch (choice) {
                case 0, 1, 2 -> remoteCall(depth - 1);
                case 13 -> readThenModify(depth - 1);
                case 3, 4 -> "(" + longExpr(depth - 1) + " " + pick("+", "-", "+") + " " + longExpr(depth - 1) + ")";
                case 5 -> "(" + longExpr(depth - 1) + " " + pick("*", "/", "%") + " " + (2 + r.nextInt(4)) + ")";
                case 6 -> INCLUDE_TERNARY ? "(" + boolExpr(depth - 1) + " ? " + longExpr(depth - 1) + " : "
                        + longExpr(depth - 1) + ")" : remoteCall(depth - 1);
                case 7 -> {
                    String call = localCall(depth - 1);
                    yield call == null ? remoteCall(depth - 1) : call;
                }
                case 8 -> INCLUDE_STATIC_CALL_WITH_REMOTE_ARGUMENTS ? "Math." + pick("max", "min") + "("
                        + longExpr(depth - 1) + ", " + longExpr(depth - 1) + ")" : longAtom();
                case 9 -> assignmentExpr(depth - 1);
                case 10 -> {
                    Local list = pickLocal(Kind.LIST, false);
                    if (list == null) {
                        yield INCLUDE_CALL_ON_REMOTE_RESULT ? "(long) String.valueOf(" + longExpr(depth - 1) + ").length()"
                                : "(" + longAtom() + " + 1)";
                    }
                    String captured = INCLUDE_LAMBDA_CAPTURE && r.nextBoolean() ? capturable() : null;
                    if (captured != null) {
                        String y = fresh("y");
                        yield list.name() + ".stream().filter(" + y + " -> " + y + " " + pick("<", ">=", "!=") + " " + captured
                                + ").count()";
                    }
                    yield r.nextBoolean() ? "(long) " + list.name() + ".size()"
                            : "(" + list.name() + ".isEmpty() ? 0L : " + list.name() + ".get(" + list.name() + ".size() - 1))";
                }
                case 11 -> "-(" + longExpr(depth - 1) + ")";
                default -> {
                    Local boxed = pickLocal(Kind.BOXED, false);
                    if (boxed != null && r.nextInt(3) == 0) { // int op Long: binary numeric promotion to long
                        yield "(" + pick("steps", String.valueOf(r.nextInt(5))) + " " + pick("+", "-", "*") + " "
                                + boxedUse(boxed) + ")";
                    }
                    yield "(" + longAtom() + " " + pick("+", "-", "*") + " " + longExpr(depth - 1) + ")";
                }
            };
        }

        /**
         * A variable read, then changed by the argument of a remote call in the same expression: the split code
         * must use the value read before the call ({@code (t1 - counter.echo(t1++))}).
         */
        private String readThenModify(int depth) {
            Local local = hotOr(pickLocal(Kind.LONG, true));
            String x = local == null || r.nextInt(3) == 0 ? pick("acc", "steps") : local.name();
            String modify = x.equals("steps") ? pick("steps++", "++steps")
                    : pick(x + "++", "--" + x, x + " = " + longExpr(depth),
                    x + " += " + (local != null && x.equals(local.name()) ? compoundRhs(local, depth) : longExpr(depth)));
            String call = receiver() + "." + pick("echo", "add") + "(" + modify + ")";
            return "(" + x + " " + pick("+", "-", "*") + " " + call + ")";
        }

        /** The local whose compound assignment is being generated (if it may be assigned), else {@code fallback}. */
        private Local hotOr(Local fallback) {
            return hot != null && frozen.isEmpty() && r.nextBoolean() ? hot : fallback;
        }

        private String assignmentExpr(int depth) {
            if (INCLUDE_FIELD_INCREMENT_IN_EXPRESSION && r.nextInt(4) == 0) {
                // steps only grows: loops are bounded by it
                return pick("(acc++)", "(--acc)", "(steps++)", "(++steps)");
            }
            if (INCLUDE_INCREMENT_IN_EXPRESSION && r.nextBoolean()) {
                Local local = hotOr(pickLocal(Kind.LONG, true));
                if (local != null) {
                    return r.nextBoolean() ? "(" + local.name() + pick("++", "--") + ")"
                            : "(" + pick("++", "--") + local.name() + ")";
                }
            }
            if (!INCLUDE_ASSIGNMENT_IN_EXPRESSION) {
                return remoteCall(depth);
            }
            Local local = hotOr(pickLocal(Kind.LONG, true));
            if (local == null || r.nextBoolean()) {
                return "(acc " + pick("=", "+=", "-=") + " " + longExpr(depth) + ")";
            }
            String op = pick("=", "+=", "-=");
            return "(" + local.name() + " " + op + " " + (op.equals("=") ? longExpr(depth) : compoundRhs(local, depth)) + ")";
        }

        /** The right-hand side of {@code local op= ...}. */
        private String compoundRhs(Local target, int depth) {
            if (INCLUDE_COMPOUND_ASSIGN_TO_LOCAL_ASSIGNED_IN_RHS) {
                if (target.kind() != Kind.LONG) { // only long locals are assigned within expressions
                    return longExpr(depth);
                }
                Local previous = hot;
                hot = target;
                try {
                    return longExpr(depth);
                } finally {
                    hot = previous;
                }
            }
            frozen.add(target.name());
            try {
                return longExpr(depth);
            } finally {
                frozen.remove(frozen.size() - 1);
            }
        }

        /** A remote call returning long, possibly with remote calls in its argument. */
        private String remoteCall(int depth) {
            String target = receiver();
            // failIfAbove mostly where a catch may handle it, so that most calls get past it
            int choice = r.nextInt(tryDepth > 0 ? 6 : 8);
            String argument = INCLUDE_NESTED_REMOTE_ARGUMENTS ? longExpr(depth) : longAtom();
            return switch (choice) {
                case 0 -> target + ".add(" + argument + ")";
                case 1 -> target + ".get()";
                case 2 -> target + ".echo(" + argument + ")";
                case 3, 4 -> target + ".add(" + (r.nextBoolean() ? String.valueOf(r.nextInt(7) - 3) : argument) + ")";
                case 5 -> target + ".failIfAbove(" + (r.nextBoolean() ? limit() : argument) + ")";
                default -> target + "." + pick("get()", "echo(" + argument + ")");
            };
        }

        /** A call of a helper, of {@code twice} or of an earlier public method; null when none may be called. */
        private String localCall(int depth) {
            List<String> options = new ArrayList<>();
            for (int h = 0; h < helpersCallable; h++) {
                options.add((INCLUDE_EXPLICIT_THIS && r.nextInt(3) == 0 ? "this." : "") + "helper" + h + "(" + longExpr(depth) + ")");
            }
            if (INCLUDE_PURE_LOCAL_CALL) {
                options.add("twice(" + longExpr(depth) + ")");
            }
            if (INCLUDE_COMPUTED_RECEIVERS) {
                options.add("via(" + receiver() + ", " + longExpr(depth) + ")");
            }
            if (publicCallsLeft > 0 && methodsCallable > 0) {
                options.add("m" + r.nextInt(methodsCallable) + "(" + longExpr(depth) + ", " + longAtom() + ")");
            }
            if (options.isEmpty()) {
                return null;
            }
            String call = options.get(r.nextInt(options.size()));
            if (call.startsWith("m")) {
                publicCallsLeft--;
            }
            return call;
        }

        private String longAtom() {
            List<String> options = new ArrayList<>(List.of("acc", "steps", String.valueOf(r.nextInt(9) - 2),
                    (r.nextInt(6)) + "L"));
            if (INCLUDE_EXPLICIT_THIS) {
                options.add(pick("this.acc", "this.steps"));
            }
            for (List<Local> scope : scopes) {
                for (Local local : scope) {
                    if (local.kind() == Kind.LONG || local.kind() == Kind.READ_ONLY || local.kind() == Kind.FINAL
                            || local.kind() == Kind.INT) {
                        options.add(local.name());
                        options.add(local.name());
                    } else if (local.kind() == Kind.STRING) {
                        options.add("(long) " + local.name() + ".length()");
                    } else if (local.kind() == Kind.BOXED) {
                        String use = boxedUse(local);
                        options.add(use);
                        options.add(use);
                    }
                }
            }
            return options.get(r.nextInt(options.size()));
        }

        private String boxedUse(Local boxed) {
            return INCLUDE_BARE_BOXED_LONG_OPERAND ? boxed.name() : "(long) " + boxed.name();
        }

        private String longAtomOrCall() {
            return r.nextBoolean() ? longAtom() : remoteCall(0);
        }

        private String boolExpr(int depth) {
            if (depth <= 0 || r.nextInt(4) == 0) {
                Local flag = r.nextBoolean() ? pickLocal(Kind.BOOL, false) : null;
                if (flag != null) {
                    return flag.name();
                }
                return r.nextBoolean() ? receiver() + ".isEven()" : comparison(0);
            }
            int choice = r.nextInt(8);
            if (!INCLUDE_SHORT_CIRCUIT && choice >= 4) {
                choice = 0;
            }
            return switch (choice) {
                case 0, 1 -> comparison(depth - 1);
                case 2 -> INCLUDE_COMPUTED_RECEIVERS && r.nextInt(3) == 0
                        ? receiver() + pick(" == ", " != ") + receiver() : receiver() + ".isEven()";
                case 3 -> "!" + receiver() + ".isEven()";
                case 4 -> "!(" + boolExpr(depth - 1) + ")";
                default -> "(" + boolExpr(depth - 1) + " " + (INCLUDE_NON_SHORT_CIRCUIT_BOOLEAN_OPS && r.nextInt(4) == 0
                        ? pick("&", "|", "^") : pick("&&", "||")) + " " + boolExpr(depth - 1) + ")";
            };
        }

        private String comparison(int depth) {
            String op = pick(">", "<", ">=", "<=", "==", "!=");
            // `==` between two boxed Longs (a `Long` loop variable) would compare identities: unbox the left side
            String left = op.length() == 2 && op.charAt(1) == '=' && op.charAt(0) != '<' && op.charAt(0) != '>'
                    ? "(long) " + longExpr(depth) : longExpr(depth);
            return left + " " + op + " " + longExpr(depth);
        }

        // -------------------------------------------------------------------------------- helpers

        /**
         * A new local name: with INCLUDE_REUSED_NAMES the first of prefix0, prefix1... not visible here (so sibling
         * scopes reuse names), else unique in the method. Labels are always unique.
         */
        private String fresh(String prefix) {
            if (INCLUDE_REUSED_NAMES && prefix.length() == 1 && Character.isLowerCase(prefix.charAt(0))) {
                for (int k = 0; ; k++) {
                    String name = prefix + k;
                    if (pickLocalNamed(name) == null) {
                        return name;
                    }
                }
            }
            return prefix + names++;
        }

        private Local pickLocalNamed(String name) {
            for (List<Local> scope : scopes) {
                for (Local local : scope) {
                    if (local.name().equals(name)) {
                        return local;
                    }
                }
            }
            return null;
        }

        /** The receiver of a remote call: a field, or now and then a local of entity type. */
        private String receiver() {
            if (INCLUDE_COMPUTED_RECEIVERS && !inComputedReceiver && r.nextInt(8) == 0) {
                inComputedReceiver = true; // no receivers computed within receivers: generation terminates
                try {
                    return r.nextBoolean() ? "(" + boolExpr(1) + " ? " + receiver() + " : " + receiver() + ")"
                            : "choose(" + longAtomOrCall() + ")";
                } finally {
                    inComputedReceiver = false;
                }
            }
            Local local = INCLUDE_ENTITY_LOCALS_AND_SWAPS && r.nextInt(3) == 0 ? pickLocal(Kind.COUNTER, false) : null;
            return local != null ? local.name() : r.nextBoolean() ? "counter" : "other";
        }

        private String prefix(String label) {
            return label == null ? "" : label + ": ";
        }

        private void pushScope() {
            scopes.add(new ArrayList<>());
        }

        private void popScope() {
            scopes.remove(scopes.size() - 1);
        }

        private void declare(String name, Kind kind, boolean assignable) {
            scopes.get(scopes.size() - 1).add(new Local(name, kind, assignable));
        }

        private Local pickLocal(Kind kind, boolean mustBeAssignable) {
            List<Local> found = new ArrayList<>();
            for (List<Local> scope : scopes) {
                for (Local local : scope) {
                    if (local.kind() == kind && (!mustBeAssignable || local.assignable() && !frozen.contains(local.name()))) {
                        found.add(local);
                    }
                }
            }
            return found.isEmpty() ? null : found.get(r.nextInt(found.size()));
        }

        private String pick(String... options) {
            return options[r.nextInt(options.length)];
        }

        private void line(String text) {
            out.append("    ".repeat(indent)).append(text).append('\n');
        }
    }
}
