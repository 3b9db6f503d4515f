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
 * <p>Every generated method terminates (all loops are bounded by counters the body cannot reset), compiles
 * as Java 17 (every local is initialised where declared, names are unique per method so nothing shadows,
 * and every {@code return}/{@code break}/{@code continue}/{@code throw} is the last statement of an
 * {@code if (...) { ... }} without {@code else}, so no statement is ever unreachable) and ends with
 * {@code return <expr>;}.
 *
 * <p>The {@code INCLUDE_*} switches turn single constructs on and off (all on: none is known to be broken).
 */
final class EntityProgramGenerator {
    /** Package of the generated entities. */
    static final String PACKAGE = "gen";

    static final boolean INCLUDE_SHORT_CIRCUIT = true;
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

    /** One generated program. */
    record Program(long seed, String counterSource, String driverSource, List<String> methods) {
        List<SourceFile> files() {
            return List.of(new SourceFile(PACKAGE + "/Counter.java", counterSource),
                    new SourceFile(PACKAGE + "/Driver.java", driverSource));
        }

        String text() {
            return "// ---- seed " + seed + ": " + PACKAGE + "/Counter.java\n" + counterSource
                    + "// ---- " + PACKAGE + "/Driver.java\n" + driverSource;
        }
    }

    static final String COUNTER = """
            package gen;

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

                public Counter(String id) {
                    this.id = id;
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

    static Program generate(long seed) {
        return new Gen(new Random(seed), seed).program();
    }

    // ------------------------------------------------------------------------------------------------

    private enum Kind { LONG, BOOL, INT_READ_ONLY, LIST }

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
    private record Ctx(int depth, List<Target> targets, int floor, boolean returnAllowed, boolean inFinally,
                       List<String> iterated) {
        Ctx deeper() {
            return new Ctx(depth - 1, targets, floor, returnAllowed, inFinally, iterated);
        }

        Ctx with(Target target) {
            List<Target> more = new ArrayList<>(targets);
            more.add(target);
            return new Ctx(depth - 1, more, floor, returnAllowed, inFinally, iterated);
        }

        Ctx iterating(String list) {
            List<String> more = new ArrayList<>(iterated);
            more.add(list);
            return new Ctx(depth, targets, floor, returnAllowed, inFinally, more);
        }

        Ctx finallyBlock() {
            return INCLUDE_JUMP_OUT_OF_FINALLY ? new Ctx(depth - 1, targets, floor, returnAllowed, true, iterated)
                    : new Ctx(depth - 1, targets, targets.size(), false, true, iterated);
        }

        Ctx switchExpressionArm() {
            return new Ctx(depth - 1, targets, targets.size(), false, inFinally, iterated);
        }
    }

    private static final class Gen {
        private final Random r;
        private final long seed;
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

        Gen(Random r, long seed) {
            this.r = r;
            this.seed = seed;
        }

        Program program() {
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
            driver.append("package ").append(PACKAGE).append(";\n\n")
                    .append("import io.entityflow.api.Entity;\n")
                    .append("import io.entityflow.api.Key;\n\n")
                    .append("import java.util.ArrayList;\n")
                    .append("import java.util.List;\n\n")
                    .append("@Entity\n")
                    .append("public class Driver {\n")
                    .append("    @Key\n")
                    .append("    private String id;\n")
                    .append("    private long acc;\n")
                    .append("    private int steps;\n")
                    .append("    private List<Counter> created = new ArrayList<>();\n")
                    .append("    private Counter counter;\n")
                    .append("    private Counter other;\n\n")
                    .append("    public Driver(String id, Counter counter, Counter other) {\n")
                    .append("        this.id = id;\n")
                    .append("        this.counter = counter;\n")
                    .append("        this.other = other;\n")
                    .append("    }\n\n");
            if (INCLUDE_PURE_LOCAL_CALL) {
                driver.append("    private long twice(long x) {\n")
                        .append("        return x * 2 + steps;\n")
                        .append("    }\n\n");
            }
            driver.append(body).append("}\n");
            return new Program(seed, COUNTER, driver.toString(), methodNames);
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
            if (INCLUDE_LOCAL_LIST && !inHelper && r.nextInt(3) == 0) {
                line("List<Long> buf = new ArrayList<>();");
                declare("buf", Kind.LIST, false);
            }
            Ctx ctx = new Ctx(inHelper ? 2 : 3, List.of(), 0, true, false, List.of());
            statements(ctx, inHelper ? 1 + r.nextInt(3) : 2 + r.nextInt(4));
            line("return " + longExpr(2) + ";");
            popScope();
            into.append("    ").append(visibility).append(" long ").append(name).append("(")
                    .append(String.join(", ", params.stream().map(p -> "long " + p).toList())).append(") {\n")
                    .append(out).append("    }\n\n");
        }

        // -------------------------------------------------------------------------------- statements

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
            int choice = r.nextInt(compound ? 30 : 12);
            switch (choice) {
                case 0, 1 -> declareLong();
                case 2 -> declareBool();
                case 3 -> assignLocal();
                case 4 -> line("acc " + pick("+=", "-=", "=") + " " + longExpr(2) + ";");
                case 5 -> line(pick("counter", "other") + ".record(" + longExpr(1) + ");");
                case 6 -> line(pick("counter", "other") + "." + pick("add", "echo", "failIfAbove") + "(" + longExpr(1) + ");");
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
                default -> {
                    line("{");
                    block(ctx.deeper(), 1 + r.nextInt(2));
                    line("}");
                }
            }
        }

        private void declareLong() {
            String name = fresh("t");
            line("long " + name + " = " + longExpr(3) + ";");
            declare(name, Kind.LONG, true);
        }

        private void declareBool() {
            String name = fresh("b");
            line("boolean " + name + " = " + boolExpr(2) + ";");
            declare(name, Kind.BOOL, true);
        }

        private void assignLocal() {
            Local local = pickLocal(Kind.LONG, true);
            if (local == null) {
                declareLong();
                return;
            }
            switch (r.nextInt(4)) {
                case 0 -> line(local.name() + " = " + longExpr(2) + ";");
                case 1 -> line(local.name() + " += " + longExpr(2) + ";");
                case 2 -> line(local.name() + " " + pick("++", "--") + ";");
                default -> {
                    Local flag = pickLocal(Kind.BOOL, true);
                    if (flag != null) {
                        line(flag.name() + " = " + boolExpr(2) + ";");
                    } else {
                        line(local.name() + " -= " + longExpr(2) + ";");
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
            if (list == null || ctx.iterated().contains(list.name())) {
                line("other.record(" + longExpr(2) + ");");
                return;
            }
            line(list.name() + ".add(" + longExpr(2) + ");");
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
            if (!INCLUDE_CREATE || inHelper || usesCreate && r.nextBoolean()) {
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
                boolean unlabelledBreak = false;
                boolean unlabelledContinue = false;
                for (int i = ctx.targets().size() - 1; i >= ctx.floor(); i--) {
                    TargetKind kind = ctx.targets().get(i).kind();
                    unlabelledBreak |= kind != TargetKind.BLOCK;
                    unlabelledContinue |= kind == TargetKind.LOOP;
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
                if (unlabelledBreak && innermostBreakable >= ctx.floor()) {
                    jumps.add("break");
                }
                if (unlabelledContinue && innermostLoop >= ctx.floor()) {
                    jumps.add("continue");
                }
            }
            if (jumps.isEmpty()) {
                line("acc += " + longExpr(1) + ";");
                return;
            }
            String jump = jumps.get(r.nextInt(jumps.size()));
            line("if (" + boolExpr(2) + ") {");
            pushScope();
            indent++;
            if (r.nextInt(3) == 0) {
                line(pick("acc += ", "acc -= ") + longExpr(1) + ";");
            }
            switch (jump) {
                case "return" -> line("return " + longExpr(2) + ";");
                case "throw" -> line("throw new IllegalStateException(\"thrown \" + " + longExpr(1) + ");");
                default -> line(jump + ";");
            }
            indent--;
            popScope();
            line("}");
        }

        private void ifStatement(Ctx ctx) {
            line("if (" + boolExpr(3) + ") {");
            block(ctx.deeper(), 1 + r.nextInt(3));
            if (r.nextBoolean()) {
                if (r.nextInt(3) == 0) {
                    line("} else if (" + boolExpr(2) + ") {");
                    block(ctx.deeper(), 1 + r.nextInt(2));
                }
                line("} else {");
                block(ctx.deeper(), 1 + r.nextInt(3));
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
            declare(i, Kind.INT_READ_ONLY, false);
            loopBody(ctx, label);
            popScope();
            line("}");
        }

        private void loopBody(Ctx ctx, String label) {
            block(ctx.with(new Target(TargetKind.LOOP, label)), 1 + r.nextInt(3));
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
                declare(w, Kind.INT_READ_ONLY, false);
                line(prefix(label) + "while (steps < " + w + ") {");
                indent++;
                line("steps++;");
                indent--;
            } else {
                String w = fresh("w");
                line("int " + w + " = 0;");
                declare(w, Kind.INT_READ_ONLY, false);
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
            declare(d, Kind.INT_READ_ONLY, false);
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
            line(prefix(label) + "for (" + pick("long", "Long") + " " + v + " : " + iterable + ") {");
            pushScope();
            declare(v, Kind.INT_READ_ONLY, false);
            loopBody(inner, label);
            popScope();
            line("}");
        }

        private void labelledLoops(Ctx ctx) {
            if (!INCLUDE_LABELLED_LOOPS || ctx.depth() < 2) {
                forLoop(ctx);
                return;
            }
            String outer = fresh("outer");
            String i = fresh("i");
            line(outer + ": for (int " + i + " = 0; " + i + " < " + (2 + r.nextInt(3)) + "; " + i + "++) {");
            pushScope();
            declare(i, Kind.INT_READ_ONLY, false);
            indent++;
            Ctx inner = ctx.with(new Target(TargetKind.LOOP, outer));
            if (r.nextBoolean()) {
                statement(inner.deeper());
            }
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
            block(ctx.with(new Target(TargetKind.BLOCK, label)), 1 + r.nextInt(3));
            line("}");
        }

        private void switchStatement(Ctx ctx) {
            if (!INCLUDE_SWITCH) {
                ifStatement(ctx);
                return;
            }
            String selector = "(int) (" + pick("p", "q", "acc", "counter.get()", "other.echo(" + longAtom() + ")",
                    longAtom()) + " % 3)";
            if (inHelper) {
                selector = "(int) (" + pick("x", "acc", "counter.get()") + " % 3)";
            }
            Ctx inner = ctx.with(new Target(TargetKind.SWITCH, null));
            if (INCLUDE_ARROW_SWITCH && r.nextInt(3) == 0) {
                line("switch (" + selector + ") {");
                indent++;
                for (String label : List.of("case 0 ->", "case 1, -1 ->", "default ->")) {
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
                line(labels.get(k));
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
            String selector = "(int) (" + (inHelper ? pick("x", "acc") : pick("p", "q", "counter.echo(q)")) + " % 3)";
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
            if (r.nextBoolean()) {
                line("acc += " + pick("other", "counter") + ".failIfAbove(" + limit() + ");");
            }
            statements(ctx.deeper(), 1 + r.nextInt(3));
            indent--;
            popScope();
            if (shape != 1) {
                String e = fresh("e");
                String type = INCLUDE_MULTI_CATCH && r.nextInt(4) == 0 ? "IllegalArgumentException | IllegalStateException"
                        : pick("IllegalStateException", "IllegalStateException", "RuntimeException");
                line("} catch (" + type + " " + e + ") {");
                pushScope();
                indent++;
                line("acc += 7;");
                if (INCLUDE_CATCH_VARIABLE_USE && r.nextBoolean()) {
                    line("acc += " + e + ".getMessage().length();");
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
                line(pick("counter", "other") + ".record(acc);");
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
                case 1 -> pick("counter", "other") + ".get() + " + (r.nextInt(5) - 2);
                case 2 -> String.valueOf(r.nextInt(20) - 5);
                default -> longExpr(1);
            };
        }

        // -------------------------------------------------------------------------------- expressions

        private String longExpr(int depth) {
            if (depth <= 0 || r.nextInt(4) == 0) {
                return r.nextBoolean() ? longAtom() : remoteCall(0);
            }
            int choice = r.nextInt(14);
            return switch (choice) {
                case 0, 1, 2 -> remoteCall(depth - 1);
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
                    yield list == null ? "(" + longAtom() + " + 1)" : "(long) " + list.name() + ".size()";
                }
                case 11 -> "-(" + longExpr(depth - 1) + ")";
                default -> "(" + longAtom() + " " + pick("+", "-", "*") + " " + longExpr(depth - 1) + ")";
            };
        }

        private String assignmentExpr(int depth) {
            if (INCLUDE_INCREMENT_IN_EXPRESSION && r.nextBoolean()) {
                Local local = pickLocal(Kind.LONG, true);
                if (local != null) {
                    return r.nextBoolean() ? "(" + local.name() + pick("++", "--") + ")"
                            : "(" + pick("++", "--") + local.name() + ")";
                }
            }
            if (!INCLUDE_ASSIGNMENT_IN_EXPRESSION) {
                return remoteCall(depth);
            }
            Local local = pickLocal(Kind.LONG, true);
            String target = local == null || r.nextBoolean() ? "acc" : local.name();
            return "(" + target + " " + pick("=", "+=", "-=") + " " + longExpr(depth) + ")";
        }

        /** A remote call returning long, possibly with remote calls in its argument. */
        private String remoteCall(int depth) {
            String target = pick("counter", "other");
            int choice = r.nextInt(5);
            String argument = INCLUDE_NESTED_REMOTE_ARGUMENTS ? longExpr(depth) : longAtom();
            return switch (choice) {
                case 0 -> target + ".add(" + argument + ")";
                case 1 -> target + ".get()";
                case 2 -> target + ".echo(" + argument + ")";
                case 3 -> target + ".failIfAbove(" + (r.nextBoolean() ? limit() : argument) + ")";
                default -> target + ".add(" + (r.nextBoolean() ? String.valueOf(r.nextInt(7) - 3) : argument) + ")";
            };
        }

        /** A call of a helper, of {@code twice} or of an earlier public method; null when none may be called. */
        private String localCall(int depth) {
            List<String> options = new ArrayList<>();
            for (int h = 0; h < helpersCallable; h++) {
                options.add("helper" + h + "(" + longExpr(depth) + ")");
            }
            if (INCLUDE_PURE_LOCAL_CALL) {
                options.add("twice(" + longExpr(depth) + ")");
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
            for (List<Local> scope : scopes) {
                for (Local local : scope) {
                    if (local.kind() == Kind.LONG || local.kind() == Kind.INT_READ_ONLY) {
                        options.add(local.name());
                        options.add(local.name());
                    }
                }
            }
            return options.get(r.nextInt(options.size()));
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
                return r.nextBoolean() ? pick("counter", "other") + ".isEven()" : comparison(0);
            }
            int choice = r.nextInt(8);
            if (!INCLUDE_SHORT_CIRCUIT && choice >= 4) {
                choice = 0;
            }
            return switch (choice) {
                case 0, 1 -> comparison(depth - 1);
                case 2 -> pick("counter", "other") + ".isEven()";
                case 3 -> "!" + pick("counter", "other") + ".isEven()";
                case 4 -> "!(" + boolExpr(depth - 1) + ")";
                default -> "(" + boolExpr(depth - 1) + " " + pick("&&", "||") + " " + boolExpr(depth - 1) + ")";
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

        private String fresh(String prefix) {
            return prefix + names++;
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
                    if (local.kind() == kind && (!mustBeAssignable || local.assignable())) {
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
