package io.entityflow.ir.codegen;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.split.BasicBlock;
import io.entityflow.ir.split.HandlerScope;
import io.entityflow.ir.split.Instr;
import io.entityflow.ir.split.JavaTypes;
import io.entityflow.ir.split.SplitMethod;
import io.entityflow.ir.split.Terminator;
import io.entityflow.ir.split.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a split method as one Java method {@code name$split(block, frame, input)}: all locals hoisted,
 * the frame of the resumed split block restored, then a loop over a switch on the basic block id. A block
 * inside try statements is wrapped in a catch that routes the exception to the right handler block.
 */
final class StateMachineEmitter {
    private static final String STEP = "io.entityflow.ir.runtime.Step";
    private final SplitMethod split;
    private final Map<String, Var> byJavaName = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    StateMachineEmitter(SplitMethod split) {
        this.split = split;
        split.vars().forEach(v -> byJavaName.put(v.javaName(), v));
    }

    private static final String SUFFIX = "$split";

    static String methodName(String method) {
        return method + SUFFIX;
    }

    /** The user's method a generated state machine was made from (the name itself for any other method). */
    static String userMethodName(String generated) {
        return generated.endsWith(SUFFIX) ? generated.substring(0, generated.length() - SUFFIX.length()) : generated;
    }

    String emit() {
        String name = split.entity().name() + "." + split.method().name();
        out.append("@SuppressWarnings({\"unchecked\", \"rawtypes\", \"unused\", \"cast\"})\n");
        String typeParameters = split.method().declaration().getTypeParameters().stream().map(Object::toString)
                .collect(Collectors.joining(", "));
        // a generic method's type variables name the types of its hoisted locals
        out.append("private ").append(typeParameters.isEmpty() ? "" : "<" + typeParameters + "> ")
                .append(STEP).append(' ').append(methodName(split.method().name()))
                .append("(int $block, Object[] $frame, Object $input) throws Throwable {\n");
        for (Var var : split.vars()) {
            out.append("  ").append(var.javaType()).append(' ').append(var.javaName()).append(" = ")
                    .append(JavaTypes.defaultValue(var.javaType())).append(";\n");
        }
        out.append("  int $pc;\n  switch ($block) {\n");
        for (int splitId = 0; splitId < split.resumePoints().size(); splitId++) {
            out.append("    case ").append(splitId).append(": ");
            List<Var> frame = split.frame(splitId);
            for (int i = 0; i < frame.size(); i++) {
                Var var = frame.get(i);
                out.append(var.javaName()).append(" = (").append(JavaTypes.boxed(var.javaType())).append(") $frame[")
                        .append(i).append("]; ");
            }
            out.append("$pc = ").append(split.resumePoints().get(splitId)).append("; break;\n");
        }
        out.append("    default: throw new IllegalStateException(\"").append(name)
                .append(" has no block \" + $block);\n  }\n");
        out.append("  $dispatch:\n  while (true) {\n    switch ($pc) {\n");
        for (BasicBlock block : split.blocks()) {
            emitBlock(block);
        }
        out.append("      default: throw new IllegalStateException(\"").append(name)
                .append(" reached basic block \" + $pc);\n    }\n  }\n}\n");
        return out.toString();
    }

    private void emitBlock(BasicBlock block) {
        out.append("      case ").append(block.id()).append(": {\n");
        boolean guarded = block.handlers() != null;
        if (guarded) {
            out.append("        try {\n");
        }
        for (Instr instr : block.instructions()) {
            out.append("          ").append(instruction(instr)).append('\n');
        }
        out.append("          ").append(terminator(block.terminator())).append('\n');
        if (guarded) {
            out.append("        } catch (Throwable $x) {\n");
            out.append(handlerDispatch(block.handlers()));
            out.append("        }\n");
        }
        out.append("      }\n");
    }

    private String handlerDispatch(HandlerScope handlers) {
        StringBuilder dispatch = new StringBuilder();
        for (HandlerScope scope = handlers; scope != null; scope = scope.outer()) {
            for (HandlerScope.CatchArm arm : scope.arms()) {
                String test = arm.exceptionTypes().stream().map(t -> "$x instanceof " + t)
                        .collect(Collectors.joining(" || "));
                dispatch.append("          if (").append(test).append(") { ").append(arm.variable().javaName())
                        .append(" = (").append(arm.variable().javaType()).append(") $x; $pc = ").append(arm.target())
                        .append("; continue $dispatch; }\n");
            }
            if (scope.hasFinally()) {
                dispatch.append("          ").append(scope.finallyException().javaName()).append(" = $x; $pc = ")
                        .append(scope.finallyBlock()).append("; continue $dispatch;\n");
                return dispatch.toString();
            }
        }
        return dispatch.append("          throw $x;\n").toString();
    }

    private String instruction(Instr instr) {
        if (instr instanceof Instr.Assign assign) {
            return withCaptures(List.of(assign.value()), printed -> assign.target().javaName() + " = " + printed.get(0) + ";");
        } else if (instr instanceof Instr.Eval eval) {
            return withCaptures(List.of(eval.expression()), printed -> printed.get(0) + ";");
        } else if (instr instanceof Instr.Verbatim verbatim) {
            Node statement = verbatim.statement();
            return withCaptures(List.of(statement), printed -> statement instanceof ExpressionStmt
                    ? printed.get(0)
                    // `if (true)` keeps javac's reachability analysis from rejecting the jump that follows a
                    // statement that cannot complete normally (an endless loop, a throwing block).
                    : "if (true) { " + printed.get(0) + " }");
        } else if (instr instanceof Instr.Resume resume) {
            String result = STEP + ".result($input, getClass());";
            return resume.target() == null ? result
                    : resume.target().javaName() + " = (" + JavaTypes.boxed(resume.target().javaType()) + ") " + result;
        }
        throw new IllegalStateException("unknown instruction " + instr);
    }

    private String terminator(Terminator end) {
        if (end instanceof Terminator.Goto g) {
            return "$pc = " + g.target() + "; continue $dispatch;";
        } else if (end instanceof Terminator.Branch b) {
            return withCaptures(List.of(b.condition()), printed ->
                    "$pc = (" + printed.get(0) + ") ? " + b.whenTrue() + " : " + b.whenFalse() + "; continue $dispatch;");
        } else if (end instanceof Terminator.Switch s) {
            StringBuilder text = new StringBuilder();
            return withCaptures(List.of(s.selector()), printed -> {
                text.append("switch (").append(printed.get(0)).append(") { ");
                for (Terminator.Switch.Arm arm : s.arms()) {
                    text.append("case ").append(arm.labels().stream().map(Object::toString).collect(Collectors.joining(", ")))
                            .append(": $pc = ").append(arm.target()).append("; break; ");
                }
                return text.append("default: $pc = ").append(s.otherwise()).append("; } continue $dispatch;").toString();
            });
        } else if (end instanceof Terminator.Return r) {
            if (r.value() == null || split.method().isVoid()) {
                return "return " + STEP + ".done(null);";
            }
            String type = split.returnType();
            return withCaptures(List.of(r.value()), printed -> "return " + STEP + ".done("
                    + (JavaTypes.isPrimitive(type) ? "(" + type + ") (" + printed.get(0) + ")" : printed.get(0)) + ");");
        } else if (end instanceof Terminator.Throw t) {
            return withCaptures(List.of(t.exception()), printed -> "throw " + printed.get(0) + ";");
        } else if (end instanceof Terminator.Call call) {
            return callStep(call);
        }
        return "throw new IllegalStateException(\"unreachable block\");";
    }

    private String callStep(Terminator.Call call) {
        int resume = split.splitBlockOf(call.continuation());
        String frame = split.frame(resume).stream().map(Var::javaName).collect(Collectors.joining(", "));
        List<Expression> parts = new ArrayList<>();
        if (call.receiver() != null) {
            parts.add(call.receiver());
        }
        parts.addAll(call.arguments());
        CallSite site = call.site();
        return withCaptures(parts, printed -> {
            List<String> args = call.receiver() != null ? printed.subList(1, printed.size()) : printed;
            String arguments = "new Object[] {" + String.join(", ", args) + "}";
            String frameArray = "new Object[] {" + frame + "}";
            return switch (site.kind()) {
                case CREATE -> "return " + STEP + ".create(\"" + site.target().qualifiedName() + "\", " + arguments + ", "
                        + resume + ", " + frameArray + ");";
                case LOCAL -> "return " + STEP + ".call($ref(), \"" + site.method() + "\", " + arguments + ", " + resume
                        + ", " + frameArray + ");";
                default -> "return " + STEP + ".call((" + JavaTypes.ENTITY_REF + ") (" + printed.get(0) + "), \""
                        + site.method() + "\", " + arguments + ", " + resume + ", " + frameArray + ");";
            };
        });
    }

    /**
     * Prints nodes for a statement; hoisted locals used inside lambdas or anonymous classes are copied
     * into final locals first, since Java only lets closures capture effectively final variables.
     */
    private String withCaptures(List<? extends Node> nodes, java.util.function.Function<List<String>, String> statement) {
        Map<String, Var> captured = new LinkedHashMap<>();
        List<String> printed = new ArrayList<>();
        for (Node node : nodes) {
            Node copy = node.clone();
            List<Node> closures = new ArrayList<>();
            closures.addAll(copy.findAll(LambdaExpr.class));
            copy.findAll(ObjectCreationExpr.class).stream().filter(o -> o.getAnonymousClassBody().isPresent())
                    .forEach(closures::add);
            for (Node closure : closures) {
                for (NameExpr name : closure.findAll(NameExpr.class)) {
                    Var var = byJavaName.get(name.getNameAsString());
                    if (var != null) {
                        captured.put(var.javaName(), var);
                        name.setName(var.javaName() + "$c");
                    }
                }
            }
            printed.add(copy.toString());
        }
        String text = statement.apply(printed);
        if (captured.isEmpty()) {
            return text;
        }
        StringBuilder block = new StringBuilder("{ ");
        captured.values().forEach(v -> block.append("final ").append(v.javaType()).append(' ').append(v.javaName())
                .append("$c = ").append(v.javaName()).append("; "));
        return block.append(text).append(" }").toString();
    }
}
