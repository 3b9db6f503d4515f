package io.entityflow.ir.split;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.*;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import com.github.javaparser.resolution.types.ResolvedType;
import io.entityflow.ir.analysis.CallGraph;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.analysis.Closures;
import io.entityflow.ir.analysis.TypeNames;
import io.entityflow.ir.diag.SourceRange;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.model.ParameterModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers one suspending method to a control-flow graph in which every split point (remote call, create,
 * suspending local call) ends a basic block. Expressions are put in A-normal form only as far as Java's
 * evaluation order requires: operands evaluated before a split point are saved in temporaries unless
 * nothing can change them; short-circuit operators and {@code ?:} become branches; loops, switch,
 * labelled jumps, try/catch/finally (finally code is copied onto each exit path, as javac does) and
 * early returns become edges. Statements without split points and without jumps out of themselves are
 * kept whole.
 */
public final class MethodLowerer {
    private final CallGraph calls;
    private final JavaTypes types;
    private final EntityModel entity;
    private final MethodModel method;
    private final List<BasicBlock> blocks = new ArrayList<>();
    private final List<Var> vars = new ArrayList<>();
    private final List<Var> parameters = new ArrayList<>();
    private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
    private final Deque<JumpTarget> jumps = new ArrayDeque<>();
    private final Deque<TryFrame> tries = new ArrayDeque<>();
    private HandlerScope handlers;
    private BasicBlock current;
    private final String returnType;

    private record JumpTarget(String label, int breakBlock, Integer continueBlock, boolean takesUnlabeledBreak,
                              int tryDepth, Var yieldInto) {
    }

    /** A try statement being lowered: its finally code, lowered once, and the routes out of it. */
    private static final class TryFrame {
        final BlockStmt finallyBlock;
        final HandlerScope outerHandlers;
        final List<Integer> routes = new ArrayList<>();
        BasicBlock entry;
        Var route;

        TryFrame(BlockStmt finallyBlock, HandlerScope outerHandlers) {
            this.finallyBlock = finallyBlock;
            this.outerHandlers = outerHandlers;
        }
    }

    public MethodLowerer(CallGraph calls, JavaTypes types, EntityModel entity, MethodModel method) {
        this.calls = calls;
        this.types = types;
        this.entity = entity;
        this.method = method;
        this.returnType = types.written(method.declaration().getType());
    }

    /** @throws SplitException for a construct that cannot be lowered (reported as EF111) */
    public SplitMethod lower() {
        current = newBlock();
        pushScope();
        for (Parameter parameter : method.declaration().getParameters()) {
            String type = types.written(parameter.getType()) + (parameter.isVarArgs() ? "[]" : "");
            Var var = newVar(parameter.getNameAsString(), type, false, parameter);
            parameters.add(var);
            scopes.peek().put(parameter.getNameAsString(), var);
        }
        BlockStmt body = method.declaration().getBody()
                .orElseThrow(() -> new SplitException(method.declaration(), "method has no body"));
        lowerStatement(body);
        if (!current.isTerminated()) {
            SourceRange end = body.getRange().map(r -> new SourceRange(r.end.line, r.end.column, r.end.line, r.end.column))
                    .orElse(SourceRange.UNKNOWN);
            if (method.isVoid()) {
                current.terminate(new Terminator.Return(null, end));
            } else {
                current.terminate(new Terminator.Throw(
                        Snippets.expression("new IllegalStateException(\"fell off the end of the method\")"), end));
            }
        }
        popScope();
        return new SplitMethod(entity, method, parameters, vars, blocks, returnType);
    }

    // ---------------------------------------------------------------- statements

    private void lowerStatement(Statement statement) {
        ensureOpen();
        declarePatternVariables(statement);
        if (!calls.containsSplitPoint(statement) && keepsWhole(statement)) {
            current.add(new Instr.Verbatim(rename(statement), SourceRange.of(statement)));
            return;
        }
        if (statement instanceof BlockStmt block) {
            pushScope();
            block.getStatements().forEach(this::lowerStatement);
            popScope();
        } else if (statement instanceof ExpressionStmt expressionStmt) {
            lowerEffect(expressionStmt.getExpression());
        } else if (statement instanceof IfStmt ifStmt) {
            lowerIf(ifStmt);
        } else if (statement instanceof WhileStmt || statement instanceof DoStmt || statement instanceof ForStmt
                || statement instanceof ForEachStmt) {
            lowerLoop(statement, null);
        } else if (statement instanceof LabeledStmt labeled) {
            lowerLabeled(labeled);
        } else if (statement instanceof SwitchStmt switchStmt) {
            lowerSwitch(switchStmt.getSelector(), switchStmt.getEntries(), null, null);
        } else if (statement instanceof BreakStmt brk) {
            JumpTarget target = findTarget(brk.getLabel().map(l -> l.asString()).orElse(null), false, brk);
            leaveTo(target.tryDepth(), SourceRange.of(brk));
            jump(target.breakBlock(), SourceRange.of(brk));
        } else if (statement instanceof ContinueStmt cont) {
            JumpTarget target = findTarget(cont.getLabel().map(l -> l.asString()).orElse(null), true, cont);
            leaveTo(target.tryDepth(), SourceRange.of(cont));
            jump(target.continueBlock(), SourceRange.of(cont));
        } else if (statement instanceof YieldStmt yield) {
            JumpTarget target = jumps.stream().filter(j -> j.yieldInto() != null).findFirst()
                    .orElseThrow(() -> new SplitException(yield, "yield outside a switch expression"));
            Expression value = lowerExpression(yield.getExpression());
            current.add(new Instr.Assign(target.yieldInto(), value, SourceRange.of(yield)));
            leaveTo(target.tryDepth(), SourceRange.of(yield));
            jump(target.breakBlock(), SourceRange.of(yield));
        } else if (statement instanceof ReturnStmt ret) {
            lowerReturn(ret);
        } else if (statement instanceof ThrowStmt thr) {
            Expression exception = lowerExpression(thr.getExpression());
            current.terminate(new Terminator.Throw(exception, SourceRange.of(thr)));
        } else if (statement instanceof TryStmt tryStmt) {
            lowerTry(tryStmt);
        } else if (statement instanceof SynchronizedStmt sync) {
            // EF103 reports remote calls inside; an entity runs one event at a time, so the monitor protects nothing across blocks.
            lowerStatement(sync.getBody());
        } else if (statement instanceof EmptyStmt) {
            // nothing
        } else if (statement instanceof LocalClassDeclarationStmt || statement instanceof LocalRecordDeclarationStmt) {
            throw new SplitException(statement, "a local class cannot be declared in a method that makes remote calls:"
                    + " its scope would span the split; declare it as a nested class of the entity instead");
        } else {
            throw new SplitException(statement, "cannot split around a " + statement.getClass().getSimpleName()
                    .replace("Stmt", "") + " statement that contains a remote call");
        }
    }

    /**
     * Pattern variables ({@code x instanceof Integer i}) of this statement become hoisted locals like any
     * other, declared in the enclosing scope (Java's flow scoping lets {@code if (!(x instanceof T t)) return;}
     * use {@code t} after the statement): the test is printed as {@code (x instanceof T ? (t = (T) x) != null
     * : false)} ({@link #rename}), so the variable keeps its value in whichever block uses it. Only tests of
     * a plain name or field are rewritten; others stay Java patterns, which work within one block.
     */
    private void declarePatternVariables(Statement statement) {
        Map<String, String> typeByName = new HashMap<>();
        for (com.github.javaparser.ast.expr.TypePatternExpr pattern
                : statement.findAll(com.github.javaparser.ast.expr.TypePatternExpr.class)) {
            if (pattern.findAncestor(Statement.class).orElse(null) != statement
                    || Closures.enclosingClosure(pattern, statement).isPresent()
                    || !(pattern.getParentNode().orElse(null) instanceof InstanceOfExpr test)) {
                continue;
            }
            if (!isPlainValue(test.getExpression())) {
                // a computed subject is evaluated once, into a temporary the binding then casts
                scopes.peek().put(SUBJECT + pattern.getNameAsString(), newVar("$subject", "Object", true, pattern));
            }
            String type = types.written(pattern.getType());
            String earlier = typeByName.putIfAbsent(pattern.getNameAsString(), type);
            if (earlier != null) {
                if (!earlier.equals(type)) {
                    throw new SplitException(pattern, "two pattern variables named `" + pattern.getNameAsString()
                            + "` with different types in one statement of a method that makes remote calls; rename one");
                }
                continue;
            }
            scopes.peek().put(pattern.getNameAsString(), newVar(pattern.getNameAsString(), type, false, pattern));
        }
    }

    /** Scope key of the temporary holding a pattern test's computed subject (not a Java name: never looked up by users). */
    private static final String SUBJECT = "$subject of ";

    private static boolean isPlainValue(Expression expression) {
        return expression instanceof NameExpr || expression instanceof ThisExpr
                || expression instanceof FieldAccessExpr field && field.getScope() instanceof ThisExpr;
    }

    /** Statements emitted as written when they hold no split point: all but declarations and jumps. */
    private boolean keepsWhole(Statement statement) {
        if (statement instanceof ExpressionStmt e && e.getExpression() instanceof VariableDeclarationExpr) {
            return false;
        }
        if (statement instanceof LocalClassDeclarationStmt || statement instanceof LocalRecordDeclarationStmt
                || statement instanceof ThrowStmt) {
            return false;
        }
        return !JumpScanner.escapes(statement);
    }

    private void lowerIf(IfStmt ifStmt) {
        BasicBlock thenBlock = newBlock();
        BasicBlock after = newBlock();
        BasicBlock elseBlock = ifStmt.getElseStmt().isPresent() ? newBlock() : after;
        lowerCondition(ifStmt.getCondition(), thenBlock.id(), elseBlock.id());
        current = thenBlock;
        lowerStatement(ifStmt.getThenStmt());
        jump(after.id(), null);
        if (ifStmt.getElseStmt().isPresent()) {
            current = elseBlock;
            lowerStatement(ifStmt.getElseStmt().get());
            jump(after.id(), null);
        }
        current = after;
    }

    private void lowerLabeled(LabeledStmt labeled) {
        String label = labeled.getLabel().asString();
        Statement inner = labeled.getStatement();
        if (JumpScanner.isLoop(inner)) {
            lowerLoop(inner, label);
        } else if (inner instanceof SwitchStmt switchStmt) {
            lowerSwitch(switchStmt.getSelector(), switchStmt.getEntries(), label, null);
        } else {
            BasicBlock after = newBlock();
            jumps.push(new JumpTarget(label, after.id(), null, false, tries.size(), null));
            lowerStatement(inner);
            jumps.pop();
            jump(after.id(), null);
            current = after;
        }
    }

    private void lowerLoop(Statement loop, String label) {
        if (loop instanceof WhileStmt whileStmt) {
            BasicBlock header = newBlock();
            BasicBlock body = newBlock();
            BasicBlock exit = newBlock();
            jump(header.id(), null);
            current = header;
            lowerCondition(whileStmt.getCondition(), body.id(), exit.id());
            lowerBody(whileStmt.getBody(), body, label, exit.id(), header.id(), header.id());
            current = exit;
        } else if (loop instanceof DoStmt doStmt) {
            BasicBlock body = newBlock();
            BasicBlock condition = newBlock();
            BasicBlock exit = newBlock();
            jump(body.id(), null);
            lowerBody(doStmt.getBody(), body, label, exit.id(), condition.id(), condition.id());
            current = condition;
            lowerCondition(doStmt.getCondition(), body.id(), exit.id());
            current = exit;
        } else if (loop instanceof ForStmt forStmt) {
            pushScope();
            forStmt.getInitialization().forEach(this::lowerEffect);
            BasicBlock header = newBlock();
            BasicBlock body = newBlock();
            BasicBlock update = newBlock();
            BasicBlock exit = newBlock();
            jump(header.id(), null);
            current = header;
            if (forStmt.getCompare().isPresent()) {
                lowerCondition(forStmt.getCompare().get(), body.id(), exit.id());
            } else {
                jump(body.id(), null);
            }
            lowerBody(forStmt.getBody(), body, label, exit.id(), update.id(), update.id());
            current = update;
            forStmt.getUpdate().forEach(this::lowerEffect);
            jump(header.id(), null);
            popScope();
            current = exit;
        } else {
            lowerForEach((ForEachStmt) loop, label);
        }
    }

    /** Lowers a loop body entered at {@code body}, ending with a jump to {@code next}. */
    private void lowerBody(Statement statement, BasicBlock body, String label, int exit, int continueTo, int next) {
        current = body;
        jumps.push(new JumpTarget(label, exit, continueTo, true, tries.size(), null));
        lowerStatement(statement);
        jumps.pop();
        jump(next, null);
    }

    private void lowerForEach(ForEachStmt loop, String label) {
        pushScope();
        Expression iterable = loop.getIterable();
        Optional<ResolvedType> iterableType = TypeNames.typeOf(iterable);
        VariableDeclarator variable = loop.getVariable().getVariables().get(0);
        String elementType = loop.getVariable().getElementType().isVarType()
                ? iterableType.flatMap(this::elementType).orElseThrow(() -> new SplitException(variable,
                        "cannot determine the element type of this loop; declare the loop variable's type instead of var"))
                : types.written(variable.getType());
        boolean isArray = iterableType.map(ResolvedType::isArray)
                .orElseGet(() -> iterable instanceof NameExpr n && lookup(n.getNameAsString()) != null
                        && lookup(n.getNameAsString()).javaType().endsWith("[]"));
        SourceRange range = SourceRange.of(iterable);
        Expression source = lowerExpression(iterable);
        Var index = newVar("$i", "int", true);
        current.add(new Instr.Assign(index, new IntegerLiteralExpr("0"), range));
        Var cursor;
        String condition;
        String next;
        if (isArray) {
            cursor = newVar("$array", elementType + "[]", true);
            condition = index.javaName() + " < " + cursor.javaName() + ".length";
            next = cursor.javaName() + "[" + index.javaName() + "]";
            current.add(new Instr.Assign(cursor, source, range));
        } else if (calls.containsSplitPoint(loop.getBody())) {
            // An iterator cannot be saved in a frame: the loop walks a copy of the elements by index.
            cursor = newVar("$elements", "java.util.List<" + JavaTypes.boxed(elementType) + ">", true);
            condition = index.javaName() + " < " + cursor.javaName() + ".size()";
            next = cursor.javaName() + ".get(" + index.javaName() + ")";
            current.add(new Instr.Assign(cursor, call("io.entityflow.ir.runtime.Loops.snapshot", source), range));
        } else {
            cursor = newVar("$iterator", "java.util.Iterator<" + JavaTypes.boxed(elementType) + ">", true);
            condition = cursor.javaName() + ".hasNext()";
            next = cursor.javaName() + ".next()";
            current.add(new Instr.Assign(cursor, new MethodCallExpr(new EnclosedExpr(source), "iterator"), range));
        }
        BasicBlock header = newBlock();
        BasicBlock body = newBlock();
        BasicBlock exit = newBlock();
        jump(header.id(), null);
        current = header;
        current.terminate(new Terminator.Branch(Snippets.expression(condition), body.id(), exit.id(), range));
        current = body;
        Var element = newVar(variable.getNameAsString(), elementType, false, variable);
        scopes.peek().put(variable.getNameAsString(), element);
        current.add(new Instr.Assign(element, Snippets.expression(next), SourceRange.of(variable)));
        if (!isArray && !calls.containsSplitPoint(loop.getBody())) {
            lowerBody(loop.getBody(), current, label, exit.id(), header.id(), header.id());
        } else {
            current.add(new Instr.Assign(index, Snippets.expression(index.javaName() + " + 1"), range));
            lowerBody(loop.getBody(), current, label, exit.id(), header.id(), header.id());
        }
        popScope();
        current = exit;
    }

    private Optional<String> elementType(ResolvedType iterable) {
        try {
            if (iterable.isArray()) {
                return types.resolved(iterable.asArrayType().getComponentType());
            }
            if (iterable.isReferenceType()) {
                var reference = iterable.asReferenceType();
                if (reference.getQualifiedName().equals("java.lang.Iterable")) {
                    return types.resolved(reference.typeParametersValues().get(0));
                }
                for (var ancestor : reference.getAllAncestors()) {
                    if (ancestor.getQualifiedName().equals("java.lang.Iterable")) {
                        return types.resolved(ancestor.typeParametersValues().get(0));
                    }
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Lowers a switch statement, or a switch expression when {@code result} is given. */
    private void lowerSwitch(Expression selector, NodeList<SwitchEntry> entries, String label, Var result) {
        pushScope();
        Expression value = lowerExpression(selector);
        BasicBlock exit = newBlock();
        List<BasicBlock> entryBlocks = new ArrayList<>();
        List<Terminator.Switch.Arm> arms = new ArrayList<>();
        int otherwise = exit.id();
        for (SwitchEntry entry : entries) {
            BasicBlock block = newBlock();
            entryBlocks.add(block);
            if (entry.getLabels().isEmpty() || entry.isDefault()) {
                otherwise = block.id();
            }
            if (!entry.getLabels().isEmpty()) {
                List<Expression> labels = entry.getLabels().stream().map(Expression::clone).toList();
                arms.add(new Terminator.Switch.Arm(labels, block.id()));
            }
        }
        current.terminate(new Terminator.Switch(value, arms, otherwise, SourceRange.of(selector)));
        jumps.push(new JumpTarget(label, exit.id(), null, result == null, tries.size(), result));
        for (int i = 0; i < entries.size(); i++) {
            SwitchEntry entry = entries.get(i);
            current = entryBlocks.get(i);
            if (entry.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
                entry.getStatements().forEach(this::lowerStatement);
                jump(i + 1 < entries.size() ? entryBlocks.get(i + 1).id() : exit.id(), null);
            } else {
                Statement body = entry.getStatements().get(0);
                if (result != null && entry.getType() == SwitchEntry.Type.EXPRESSION && body instanceof ExpressionStmt e) {
                    Expression arm = lowerExpression(e.getExpression());
                    current.add(new Instr.Assign(result, arm, SourceRange.of(e)));
                } else {
                    lowerStatement(body);
                }
                jump(exit.id(), null);
            }
        }
        jumps.pop();
        popScope();
        current = exit;
    }

    private void lowerReturn(ReturnStmt ret) {
        SourceRange range = SourceRange.of(ret);
        if (ret.getExpression().isEmpty()) {
            leaveTo(0, range);
            current.terminate(new Terminator.Return(null, range));
            return;
        }
        Expression value = lowerExpression(ret.getExpression().get());
        if (tries.stream().anyMatch(t -> t.finallyBlock != null)) {
            // finally code runs after the value is computed and may change what it was computed from
            Var saved = newVar("$return", returnType, true);
            current.add(new Instr.Assign(saved, value, range));
            leaveTo(0, range);
            value = new NameExpr(saved.javaName());
        }
        current.terminate(new Terminator.Return(value, range));
    }

    private void lowerTry(TryStmt tryStmt) {
        if (!tryStmt.getResources().isEmpty()) {
            throw new SplitException(tryStmt, "a try-with-resources statement cannot contain a remote call: the resource"
                    + " would stay open while the entity waits; call the entity outside the try, or close the resource"
                    + " before the call");
        }
        HandlerScope outer = handlers;
        BlockStmt finallyBlock = tryStmt.getFinallyBlock().orElse(null);
        TryFrame frame = new TryFrame(finallyBlock, outer);
        BasicBlock exceptionEntry = null;
        Var thrown = null;
        if (finallyBlock != null) {
            thrown = newVar("$thrown", "java.lang.Throwable", true);
            frame.route = newVar("$route", "int", true);
            frame.entry = newBlock();
            exceptionEntry = newBlock();
        }
        HandlerScope finallyOnly = finallyBlock == null ? outer
                : new HandlerScope(outer, List.of(), exceptionEntry.id(), thrown);
        handlers = finallyOnly;
        List<HandlerScope.CatchArm> arms = new ArrayList<>();
        List<BasicBlock> catchBlocks = new ArrayList<>();
        for (CatchClause clause : tryStmt.getCatchClauses()) {
            BasicBlock handler = newBlock();
            catchBlocks.add(handler);
            Parameter parameter = clause.getParameter();
            List<String> caught = parameter.getType() instanceof UnionType union
                    ? union.getElements().stream().map(t -> JavaTypes.erased(types.written(t))).toList()
                    : List.of(JavaTypes.erased(types.written(parameter.getType())));
            // a multi-catch variable has the alternatives' common supertype; Exception serves all used here
            String variableType = caught.size() == 1 ? caught.get(0) : "java.lang.Exception";
            Var variable = newVar(parameter.getNameAsString(), variableType, false, parameter);
            arms.add(new HandlerScope.CatchArm(caught, variable, handler.id()));
        }
        HandlerScope tryScope = new HandlerScope(outer, arms, finallyBlock == null ? null : exceptionEntry.id(), thrown);
        tries.push(frame);
        handlers = tryScope;
        BasicBlock body = newBlock();
        handlers = outer;
        BasicBlock after = newBlock();
        jump(body.id(), SourceRange.of(tryStmt));
        current = body;
        handlers = tryScope;
        lowerStatement(tryStmt.getTryBlock());
        completeNormally(frame, after);
        for (int i = 0; i < catchBlocks.size(); i++) {
            CatchClause clause = tryStmt.getCatchClauses().get(i);
            handlers = finallyOnly;
            current = catchBlocks.get(i);
            pushScope();
            scopes.peek().put(clause.getParameter().getNameAsString(), arms.get(i).variable());
            lowerStatement(clause.getBody());
            popScope();
            completeNormally(frame, after);
        }
        tries.pop();
        handlers = outer;
        if (finallyBlock != null) {
            BasicBlock rethrow = newBlock();
            current = exceptionEntry;
            enterFinally(frame, rethrow.id(), SourceRange.of(finallyBlock));
            current = rethrow;
            current.terminate(new Terminator.Throw(new NameExpr(thrown.javaName()), SourceRange.of(finallyBlock)));
            lowerFinally(frame);
        }
        current = after;
    }

    /**
     * The finally code, lowered once: every way into it (normal completion, an exception, a return or jump
     * leaving the try) sets a route number first, and the code ends by branching on that number to where
     * that way continues. Copying the code onto each path instead (as javac does) grows exponentially
     * with nesting, past what one Java method can hold.
     */
    private void lowerFinally(TryFrame frame) {
        current = frame.entry;
        lowerStatement(frame.finallyBlock);
        ensureOpen();
        List<Terminator.Switch.Arm> arms = new ArrayList<>();
        for (int route = 1; route < frame.routes.size(); route++) {
            arms.add(new Terminator.Switch.Arm(List.of(new IntegerLiteralExpr(String.valueOf(route))),
                    frame.routes.get(route)));
        }
        current.terminate(new Terminator.Switch(new NameExpr(frame.route.javaName()), arms, frame.routes.get(0),
                SourceRange.of(frame.finallyBlock)));
    }

    private void enterFinally(TryFrame frame, int continueAt, SourceRange range) {
        frame.routes.add(continueAt);
        current.add(new Instr.Assign(frame.route, new IntegerLiteralExpr(String.valueOf(frame.routes.size() - 1)), range));
        jump(frame.entry.id(), range);
    }

    /** The normal exit of a try or catch block: through the finally code (outside the try's handlers), then on. */
    private void completeNormally(TryFrame frame, BasicBlock after) {
        if (current.isTerminated()) {
            return;
        }
        handlers = frame.outerHandlers;
        BasicBlock exit = newBlock();
        jump(exit.id(), null);
        current = exit;
        if (frame.finallyBlock != null) {
            enterFinally(frame, after.id(), null);
        } else {
            jump(after.id(), null);
        }
    }

    /**
     * Routes a jump through the finally code of every try statement it leaves (innermost first), each
     * outside its own try's handlers; the jump itself follows in {@code current}.
     */
    private void leaveTo(int depth, SourceRange range) {
        if (tries.size() <= depth) {
            return;
        }
        Deque<TryFrame> saved = new ArrayDeque<>(tries);
        HandlerScope savedHandlers = handlers;
        while (tries.size() > depth) {
            TryFrame frame = tries.pop();
            if (frame.finallyBlock != null) {
                handlers = frame.outerHandlers;
                BasicBlock continuation = newBlock();
                enterFinally(frame, continuation.id(), range);
                current = continuation;
            }
        }
        tries.clear();
        Iterator<TryFrame> restore = saved.descendingIterator();
        while (restore.hasNext()) {
            tries.push(restore.next());
        }
        handlers = savedHandlers;
    }

    private JumpTarget findTarget(String label, boolean isContinue, Node at) {
        for (JumpTarget target : jumps) {
            boolean matches = label != null ? label.equals(target.label())
                    : isContinue ? target.continueBlock() != null : target.takesUnlabeledBreak();
            if (matches) {
                if (isContinue && target.continueBlock() == null) {
                    throw new SplitException(at, "continue target is not a loop");
                }
                return target;
            }
        }
        throw new SplitException(at, "no enclosing statement for this " + (isContinue ? "continue" : "break"));
    }

    // ---------------------------------------------------------------- expressions

    /** An expression evaluated for its effect (an expression statement, a for-init or for-update). */
    private void lowerEffect(Expression expression) {
        ensureOpen();
        if (expression instanceof VariableDeclarationExpr declaration) {
            declare(declaration);
            return;
        }
        if (!calls.containsSplitPoint(expression)) {
            current.add(new Instr.Eval(rename(expression), SourceRange.of(expression)));
            return;
        }
        if (expression instanceof AssignExpr assign) {
            lowerAssign(assign);
            return;
        }
        Expression residual = lowerExpression(expression);
        if (residual != null && isStatementExpression(residual)
                && !(residual instanceof NameExpr)) {
            current.add(new Instr.Eval(residual, SourceRange.of(expression)));
        }
    }

    private static boolean isStatementExpression(Expression e) {
        return e instanceof MethodCallExpr || e instanceof AssignExpr || e instanceof ObjectCreationExpr
                || (e instanceof UnaryExpr u && (u.isPrefix() || u.isPostfix())
                && u.getOperator() != UnaryExpr.Operator.PLUS && u.getOperator() != UnaryExpr.Operator.MINUS
                && u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT
                && u.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT);
    }

    private void declare(VariableDeclarationExpr declaration) {
        for (VariableDeclarator variable : declaration.getVariables()) {
            String type;
            if (variable.getType().isVarType()) {
                type = variable.getInitializer().flatMap(types::ofExpression).orElseThrow(() -> new SplitException(variable,
                        "cannot determine the type of `" + variable.getName() + "`; declare its type instead of var"));
            } else {
                type = types.written(variable.getType());
            }
            Expression value = null;
            if (variable.getInitializer().isPresent()) {
                Expression initializer = variable.getInitializer().get();
                if (initializer instanceof ArrayInitializerExpr array && variable.getType() instanceof ArrayType arrayType) {
                    value = new ArrayCreationExpr(arrayType.getElementType().clone(),
                            arrayCreationLevels(arrayType.getArrayLevel()), (ArrayInitializerExpr) rename(array));
                } else {
                    value = lowerExpression(initializer);
                }
            }
            Var var = newVar(variable.getNameAsString(), type, false, variable);
            if (value != null) {
                current.add(new Instr.Assign(var, value, SourceRange.of(variable)));
            }
            scopes.peek().put(variable.getNameAsString(), var);
        }
    }

    private static NodeList<com.github.javaparser.ast.ArrayCreationLevel> arrayCreationLevels(int count) {
        NodeList<com.github.javaparser.ast.ArrayCreationLevel> levels = new NodeList<>();
        for (int i = 0; i < count; i++) {
            levels.add(new com.github.javaparser.ast.ArrayCreationLevel());
        }
        return levels;
    }

    /** Ends the current block with a branch on {@code condition}, keeping {@code &&}, {@code ||}, {@code !} lazy. */
    private void lowerCondition(Expression condition, int whenTrue, int whenFalse) {
        ensureOpen();
        SourceRange range = SourceRange.of(condition);
        if (!calls.containsSplitPoint(condition)) {
            current.terminate(new Terminator.Branch(rename(condition), whenTrue, whenFalse, range));
            return;
        }
        if (condition instanceof EnclosedExpr enclosed) {
            lowerCondition(enclosed.getInner(), whenTrue, whenFalse);
        } else if (condition instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.AND) {
            BasicBlock right = newBlock();
            lowerCondition(binary.getLeft(), right.id(), whenFalse);
            current = right;
            lowerCondition(binary.getRight(), whenTrue, whenFalse);
        } else if (condition instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.OR) {
            BasicBlock right = newBlock();
            lowerCondition(binary.getLeft(), whenTrue, right.id());
            current = right;
            lowerCondition(binary.getRight(), whenTrue, whenFalse);
        } else if (condition instanceof UnaryExpr unary && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            lowerCondition(unary.getExpression(), whenFalse, whenTrue);
        } else {
            Expression value = lowerExpression(condition);
            current.terminate(new Terminator.Branch(value, whenTrue, whenFalse, range));
        }
    }

    /**
     * Emits the code that evaluates {@code expression} up to and including its last split point and
     * returns what is left to evaluate afterwards (a renamed clone; null for a void call).
     */
    private Expression lowerExpression(Expression expression) {
        ensureOpen();
        if (!calls.containsSplitPoint(expression)) {
            return rename(expression);
        }
        Optional<CallSite> site = calls.site(expression);
        if (site.isPresent() && calls.isSplitPoint(site.get())) {
            return lowerCall(site.get());
        }
        if (expression instanceof EnclosedExpr enclosed) {
            Expression inner = lowerExpression(enclosed.getInner());
            return inner instanceof NameExpr ? inner : new EnclosedExpr(inner);
        }
        if (expression instanceof BinaryExpr binary && (binary.getOperator() == BinaryExpr.Operator.AND
                || binary.getOperator() == BinaryExpr.Operator.OR)) {
            return lowerShortCircuit(binary);
        }
        if (expression instanceof ConditionalExpr conditional) {
            return lowerConditional(conditional);
        }
        if (expression instanceof AssignExpr assign) {
            return lowerAssign(assign);
        }
        if (expression instanceof SwitchExpr switchExpr) {
            String type = types.ofExpression(switchExpr).orElseThrow(() -> untyped(switchExpr));
            Var result = newVar("$switch", type, true);
            lowerSwitch(switchExpr.getSelector(), switchExpr.getEntries(), null, result);
            return new NameExpr(result.javaName());
        }
        if (expression instanceof UnaryExpr unary && isStatementExpression(unary)) {
            // ++/-- on a target whose subexpressions contain a split point: evaluate those first.
            return new UnaryExpr(lowerTarget(unary.getExpression()), unary.getOperator());
        }
        return lowerOperandsInPlace(expression);
    }

    private Expression lowerCall(CallSite site) {
        Expression expression = site.expression();
        List<Expression> operands = new ArrayList<>();
        boolean remote = site.kind() == CallSite.Kind.REMOTE;
        if (remote) {
            operands.add(((MethodCallExpr) expression).getScope().orElseThrow());
        }
        List<Expression> arguments = expression instanceof MethodCallExpr call ? call.getArguments()
                : ((ObjectCreationExpr) expression).getArguments();
        operands.addAll(arguments);
        List<Expression> residuals = lowerOperands(operands);
        Expression receiver = remote ? residuals.get(0) : null;
        List<ParameterModel> targetParameters = parametersOf(site);
        List<com.github.javaparser.ast.body.Parameter> declared = declaredParameters(site);
        int fixed = !declared.isEmpty() && declared.get(declared.size() - 1).isVarArgs() ? declared.size() - 1 : Integer.MAX_VALUE;
        List<Expression> args = new ArrayList<>();
        for (int i = remote ? 1 : 0; i < residuals.size(); i++) {
            int index = i - (remote ? 1 : 0);
            // varargs elements are widened when they are packed into their array
            String parameterType = index < targetParameters.size() && index < fixed ? targetParameters.get(index).type() : "";
            Expression arg = residuals.get(i);
            // The callee restores its parameters with a cast to their box: widen here as Java's call would.
            args.add(JavaTypes.isPrimitive(parameterType)
                    ? new CastExpr(Snippets.type(parameterType), new EnclosedExpr(arg)) : arg);
        }
        args = packVarargs(declared, arguments, args);
        String resultType = resultTypeOf(site);
        BasicBlock continuation = newBlock();
        current.terminate(new Terminator.Call(site, receiver, args, continuation.id(), SourceRange.of(expression)));
        current = continuation;
        Var result = resultType == null ? null
                : newVar(site.kind() == CallSite.Kind.CREATE ? "$new" : "$" + site.method(), resultType, true);
        current.add(new Instr.Resume(result, SourceRange.of(expression)));
        return result == null ? null : new NameExpr(result.javaName());
    }

    /**
     * A call of a varargs method passes its trailing arguments as one array, as javac would: the callee
     * receives its parameters from an {@code Object[]} and casts the last one to an array.
     */
    private List<Expression> packVarargs(List<com.github.javaparser.ast.body.Parameter> declared, List<Expression> originals,
                                        List<Expression> args) {
        if (declared.isEmpty() || !declared.get(declared.size() - 1).isVarArgs()) {
            return args;
        }
        int fixed = declared.size() - 1;
        Expression last = originals.size() == declared.size() ? originals.get(fixed) : null;
        if (last != null && (last instanceof ArrayCreationExpr || last instanceof com.github.javaparser.ast.expr.NullLiteralExpr
                || TypeNames.typeOf(last).filter(ResolvedType::isArray).isPresent())) {
            return args; // an array passed as the varargs parameter itself
        }
        String element = types.written(declared.get(fixed).getType());
        NodeList<Expression> elements = new NodeList<>();
        for (Expression arg : args.subList(fixed, args.size())) {
            elements.add(JavaTypes.isPrimitive(element) ? new CastExpr(Snippets.type(element), new EnclosedExpr(arg)) : arg);
        }
        List<Expression> packed = new ArrayList<>(args.subList(0, fixed));
        packed.add(new com.github.javaparser.ast.expr.ArrayCreationExpr(Snippets.type(JavaTypes.erased(element)),
                arrayCreationLevels(1), new com.github.javaparser.ast.expr.ArrayInitializerExpr(elements)));
        return packed;
    }

    /** The method a local or remote call site calls (not for creates). */
    private MethodModel targetMethod(CallSite site) {
        return site.kind() == CallSite.Kind.LOCAL ? calls.localTarget(site).orElseThrow()
                : site.target().method(site.method()).orElseThrow();
    }

    private List<com.github.javaparser.ast.body.Parameter> declaredParameters(CallSite site) {
        if (site.kind() == CallSite.Kind.CREATE) {
            return List.of(); // constructors run in the gateway's and the factory's own code: no varargs packing here
        }
        return targetMethod(site).declaration().getParameters();
    }

    private List<ParameterModel> parametersOf(CallSite site) {
        if (site.kind() == CallSite.Kind.CREATE) {
            int arity = ((ObjectCreationExpr) site.expression()).getArguments().size();
            return site.target().declaration().getConstructors().stream()
                    .filter(c -> c.getParameters().size() == arity).findFirst()
                    .map(c -> c.getParameters().stream()
                            .map(p -> new ParameterModel(p.getNameAsString(), p.getType().asString())).toList())
                    .orElse(List.of());
        }
        return targetMethod(site).parameters();
    }

    /** The Java type of a call's result in split code, or null for void. */
    private String resultTypeOf(CallSite site) {
        if (site.kind() == CallSite.Kind.CREATE) {
            return JavaTypes.ENTITY_REF;
        }
        MethodModel target = targetMethod(site);
        if (target.isVoid()) {
            return null;
        }
        Type declared = target.declaration().getType();
        if (site.kind() == CallSite.Kind.LOCAL && !target.declaration().getTypeParameters().isEmpty()) {
            // a generic method's result is its type at this call (List<String>, not List<T>)
            return TypeNames.typeOf(site.expression()).map(ResolvedType::describe)
                    .filter(t -> !t.contains("?") && calls.program().entities().stream().noneMatch(e -> t.contains(e.qualifiedName())))
                    .orElseGet(() -> JavaTypes.erased(types.written(declared)));
        }
        return site.kind() == CallSite.Kind.LOCAL ? types.written(declared)
                : types.foreign(declared).orElseThrow(() -> new SplitException(site.expression(),
                "cannot resolve the return type `" + declared + "` of " + site.label()));
    }

    private Expression lowerShortCircuit(BinaryExpr binary) {
        boolean and = binary.getOperator() == BinaryExpr.Operator.AND;
        Var result = newVar(and ? "$and" : "$or", "boolean", true);
        Expression left = lowerExpression(binary.getLeft());
        current.add(new Instr.Assign(result, left, SourceRange.of(binary.getLeft())));
        BasicBlock right = newBlock();
        BasicBlock join = newBlock();
        NameExpr test = new NameExpr(result.javaName());
        current.terminate(new Terminator.Branch(test, and ? right.id() : join.id(), and ? join.id() : right.id(),
                SourceRange.of(binary.getLeft())));
        current = right;
        Expression rightValue = lowerExpression(binary.getRight());
        current.add(new Instr.Assign(result, rightValue, SourceRange.of(binary.getRight())));
        jump(join.id(), null);
        current = join;
        return new NameExpr(result.javaName());
    }

    private Expression lowerConditional(ConditionalExpr conditional) {
        String type = types.ofExpression(conditional).orElseThrow(() -> untyped(conditional));
        Var result = newVar("$cond", type, true);
        BasicBlock thenBlock = newBlock();
        BasicBlock elseBlock = newBlock();
        BasicBlock join = newBlock();
        lowerCondition(conditional.getCondition(), thenBlock.id(), elseBlock.id());
        current = thenBlock;
        // lower first: lowering moves `current` past any call in the branch
        Expression thenValue = lowerExpression(conditional.getThenExpr());
        current.add(new Instr.Assign(result, thenValue, SourceRange.of(conditional.getThenExpr())));
        jump(join.id(), null);
        current = elseBlock;
        Expression elseValue = lowerExpression(conditional.getElseExpr());
        current.add(new Instr.Assign(result, elseValue, SourceRange.of(conditional.getElseExpr())));
        jump(join.id(), null);
        current = join;
        return new NameExpr(result.javaName());
    }

    /** Emits an assignment whose value or target contains a split point; returns its value expression. */
    private Expression lowerAssign(AssignExpr assign) {
        SourceRange range = SourceRange.of(assign);
        Expression target = assign.getTarget();
        Var local = target instanceof NameExpr name ? lookup(name.getNameAsString()) : null;
        if (local != null) {
            Var old = null;
            if (assign.getOperator() != AssignExpr.Operator.ASSIGN && assigns(assign.getValue(), target.toString())) {
                // `x op= rhs` reads x before rhs runs; rhs changes x here, so keep the value read first.
                old = newVar("$old", local.javaType(), true);
                current.add(new Instr.Assign(old, new NameExpr(local.javaName()), range));
            }
            Expression value = lowerExpression(assign.getValue());
            if (assign.getOperator() == AssignExpr.Operator.ASSIGN) {
                current.add(new Instr.Assign(local, value, range));
            } else if (old != null) {
                BinaryExpr combined = new BinaryExpr(new NameExpr(old.javaName()), new EnclosedExpr(value),
                        assign.getOperator().toBinaryOperator().orElseThrow());
                current.add(new Instr.Assign(local, new CastExpr(Snippets.type(local.javaType()),
                        new EnclosedExpr(combined)), range));
            } else {
                current.add(new Instr.Eval(new AssignExpr(new NameExpr(local.javaName()), value, assign.getOperator()), range));
            }
            return new NameExpr(local.javaName());
        }
        Expression place = lowerTarget(target);
        if (assign.getOperator() == AssignExpr.Operator.ASSIGN) {
            Expression value = lowerExpression(assign.getValue());
            current.add(new Instr.Eval(new AssignExpr(place, value, AssignExpr.Operator.ASSIGN), range));
            return place.clone();
        }
        // Java reads the target before evaluating the right-hand side, which may suspend.
        String type = types.ofExpression(target).orElseThrow(() -> untyped(target));
        Var old = newVar("$old", type, true);
        current.add(new Instr.Assign(old, place.clone(), range));
        Expression value = lowerExpression(assign.getValue());
        BinaryExpr combined = new BinaryExpr(new NameExpr(old.javaName()), new EnclosedExpr(value),
                assign.getOperator().toBinaryOperator().orElseThrow());
        Expression converted = new CastExpr(Snippets.type(type), new EnclosedExpr(combined));
        current.add(new Instr.Eval(new AssignExpr(place, converted, AssignExpr.Operator.ASSIGN), range));
        return place.clone();
    }

    /** Evaluates the parts of an assignment target (object, array, index) and returns the place to store to. */
    private Expression lowerTarget(Expression target) {
        if (!calls.containsSplitPoint(target) && (target instanceof NameExpr
                || target instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr)) {
            return rename(target);
        }
        if (target instanceof FieldAccessExpr field) {
            Expression scope = saved(field.getScope(), lowerExpression(field.getScope()));
            return new FieldAccessExpr(scope, field.getNameAsString());
        }
        if (target instanceof ArrayAccessExpr access) {
            Expression array = saved(access.getName(), lowerExpression(access.getName()));
            Expression index = saved(access.getIndex(), lowerExpression(access.getIndex()));
            return new ArrayAccessExpr(array, index);
        }
        if (target instanceof EnclosedExpr enclosed) {
            return lowerTarget(enclosed.getInner());
        }
        return rename(target);
    }

    /**
     * Lowers the operands of an expression that is not itself a split point, in evaluation order, and
     * returns a clone of the expression over their residuals.
     */
    private Expression lowerOperandsInPlace(Expression expression) {
        List<int[]> paths = new ArrayList<>();
        List<Expression> operands = new ArrayList<>();
        collectOperands(expression, new int[0], paths, operands);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> operands.get(i).getBegin().map(p -> p.line * 100_000L + p.column).orElse(0L)));
        List<Expression> sorted = order.stream().map(operands::get).toList();
        List<Expression> residuals = lowerOperands(sorted);
        Expression copy = expression.clone();
        List<Node> slots = new ArrayList<>();
        for (int i : order) {
            slots.add(follow(copy, paths.get(i)));
        }
        for (int i = 0; i < slots.size(); i++) {
            Node slot = slots.get(i);
            if (slot == copy) {
                return residuals.get(i);
            }
            slot.replace(residuals.get(i));
        }
        return bindPatterns(copy); // a pattern test whose subject was a split point: its subject is a temporary now
    }

    private static void collectOperands(Node node, int[] path, List<int[]> paths, List<Expression> operands) {
        List<Node> children = node.getChildNodes();
        for (int i = 0; i < children.size(); i++) {
            Node child = children.get(i);
            int[] childPath = java.util.Arrays.copyOf(path, path.length + 1);
            childPath[path.length] = i;
            if (child instanceof Expression e) {
                paths.add(childPath);
                operands.add(e);
            } else if (child instanceof com.github.javaparser.ast.ArrayCreationLevel) {
                collectOperands(child, childPath, paths, operands);
            }
        }
    }

    private static Node follow(Node root, int[] path) {
        Node node = root;
        for (int index : path) {
            node = node.getChildNodes().get(index);
        }
        return node;
    }

    /**
     * Lowers operands in evaluation order. Operands evaluated before the last one that contains a split
     * point are saved in temporaries (unless nothing can change them), so that they keep the value Java
     * would have computed before the call.
     */
    private List<Expression> lowerOperands(List<Expression> operands) {
        int last = -1;
        for (int i = 0; i < operands.size(); i++) {
            if (calls.containsSplitPoint(operands.get(i))) {
                last = i;
            }
        }
        List<Expression> residuals = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            Expression operand = operands.get(i);
            if (i < last) {
                residuals.add(saved(operand, lowerExpression(operand)));
            } else if (i == last) {
                residuals.add(lowerExpression(operand));
            } else {
                residuals.add(rename(operand));
            }
        }
        return residuals;
    }

    /** The residual itself when nothing can change its value before use, else a temporary holding it. */
    private Expression saved(Expression original, Expression residual) {
        if (isStable(original) || (residual instanceof NameExpr name && name.getNameAsString().startsWith("$"))) {
            return residual;
        }
        if (isFieldRead(original) && !holdsImmutableValue(original)) {
            // A field holding a mutable object (a list in state) is read again after the call instead of saved:
            // a saved reference would come back from the frame as a copy, and changes made through it would
            // miss the entity's state. Plain Java differs only if the call replaces the field's object.
            return residual;
        }
        String type = types.ofExpression(original).orElseThrow(() -> untyped(original));
        Var temp = newVar("$v", type, true, original);
        current.add(new Instr.Assign(temp, residual, SourceRange.of(original)));
        return new NameExpr(temp.javaName());
    }

    private boolean isStable(Expression expression) {
        if (expression instanceof LiteralExpr || expression instanceof ThisExpr || expression instanceof ClassExpr
                || expression instanceof LambdaExpr || expression instanceof MethodReferenceExpr) {
            return true;
        }
        if (expression instanceof EnclosedExpr enclosed) {
            return isStable(enclosed.getInner());
        }
        if (expression instanceof NameExpr name) {
            String identifier = name.getNameAsString();
            if (lookup(identifier) != null) {
                return !assignedInStatement(name, identifier);
            }
            return entity.field(identifier).isEmpty() && !isStaticFieldOfEntity(identifier);
        }
        if (expression instanceof FieldAccessExpr field) {
            // A qualified name rooted at a type (Integer.MAX_VALUE, java.util.List) is a constant or a type.
            Expression root = field;
            while (root instanceof FieldAccessExpr f) {
                root = f.getScope();
            }
            return root instanceof NameExpr n && lookup(n.getNameAsString()) == null
                    && entity.field(n.getNameAsString()).isEmpty() && !isStaticFieldOfEntity(n.getNameAsString());
        }
        return false;
    }

    private boolean isFieldRead(Expression expression) {
        if (expression instanceof FieldAccessExpr field) {
            return field.getScope() instanceof ThisExpr;
        }
        return expression instanceof NameExpr name && lookup(name.getNameAsString()) == null
                && entity.field(name.getNameAsString()).isPresent();
    }

    /** Values that a copy cannot tell apart from the original: primitives, strings, references, enums, records. */
    private static boolean holdsImmutableValue(Expression expression) {
        Optional<ResolvedType> type = TypeNames.typeOf(expression);
        if (type.isEmpty()) {
            return false;
        }
        ResolvedType resolved = type.get();
        if (resolved.isPrimitive()) {
            return true;
        }
        try {
            if (!resolved.isReferenceType()) {
                return false;
            }
            var declaration = resolved.asReferenceType().getTypeDeclaration();
            if (declaration.isPresent() && (declaration.get().isEnum() || declaration.get().isRecord())) {
                return true;
            }
            return IMMUTABLE_VALUE_TYPES.contains(resolved.asReferenceType().getQualifiedName())
                    || declaration.map(d -> d.hasAnnotation("io.entityflow.api.Entity")).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final java.util.Set<String> IMMUTABLE_VALUE_TYPES = java.util.Set.of("java.lang.String",
            "java.lang.Integer", "java.lang.Long", "java.lang.Boolean", "java.lang.Double", "java.lang.Float",
            "java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.math.BigDecimal", "java.math.BigInteger",
            "java.util.UUID", "java.time.Instant", "java.time.LocalDate", "java.time.LocalDateTime", "java.time.Duration");

    private boolean isStaticFieldOfEntity(String name) {
        return entity.declaration().getFieldByName(name).isPresent();
    }

    private static boolean assignedInStatement(NameExpr name, String identifier) {
        return assigns(name.findAncestor(Statement.class).map(Node.class::cast).orElse(name), identifier);
    }

    /** Whether code assigns (=, op=, ++, --) the local called {@code identifier} anywhere inside it. */
    private static boolean assigns(Node statement, String identifier) {
        for (AssignExpr assign : statement.findAll(AssignExpr.class)) {
            if (assign.getTarget() instanceof NameExpr target && target.getNameAsString().equals(identifier)) {
                return true;
            }
        }
        for (UnaryExpr unary : statement.findAll(UnaryExpr.class)) {
            if (isStatementExpression(unary) && unary.getExpression() instanceof NameExpr target
                    && target.getNameAsString().equals(identifier)) {
                return true;
            }
        }
        return false;
    }

    private SplitException untyped(Node node) {
        return new SplitException(node, "cannot determine the type of `" + node
                + "`, whose value must be kept across a remote call; assign it to a local variable with a declared type first");
    }

    private static Expression call(String method, Expression argument) {
        int dot = method.lastIndexOf('.');
        return new MethodCallExpr(Snippets.expression(method.substring(0, dot)), method.substring(dot + 1),
                new NodeList<>(argument));
    }

    // ---------------------------------------------------------------- names, blocks, scopes

    /** A clone with every reference to a local renamed to its unique name. */
    @SuppressWarnings("unchecked")
    private <N extends Node> N rename(N node) {
        N copy = (N) node.clone();
        ReferenceEquality.rewrite(node, copy, calls);
        if (copy instanceof NameExpr name) {
            Var var = lookup(name.getNameAsString());
            return var == null ? copy : (N) new NameExpr(var.javaName());
        }
        for (NameExpr name : copy.findAll(NameExpr.class)) {
            Var var = lookup(name.getNameAsString());
            if (var != null) {
                name.setName(var.javaName());
            }
        }
        return bindPatterns(copy);
    }

    /** {@code x instanceof T t} (renamed) as {@code (x instanceof T ? (t = (T) x) != null : false)} where t is hoisted. */
    @SuppressWarnings("unchecked")
    private <N extends Node> N bindPatterns(N copy) {
        List<InstanceOfExpr> tests = copy.findAll(InstanceOfExpr.class);
        N result = copy;
        for (InstanceOfExpr test : tests) {
            if (!(test.getPattern().orElse(null) instanceof com.github.javaparser.ast.expr.TypePatternExpr pattern)
                    || Closures.enclosingClosure(test, copy).isPresent()) {
                continue;
            }
            Var var = lookup(pattern.getNameAsString());
            Var subject = isPlainValue(test.getExpression()) ? null : lookup(SUBJECT + pattern.getNameAsString());
            if (var == null || subject == null && !isPlainValue(test.getExpression())) {
                continue;
            }
            // (subject = x) once when x is computed, then the test and the binding read the subject
            Expression tested = subject == null ? test.getExpression().clone() : new EnclosedExpr(new AssignExpr(
                    new NameExpr(subject.javaName()), test.getExpression().clone(), AssignExpr.Operator.ASSIGN));
            Expression value = subject == null ? test.getExpression().clone() : new NameExpr(subject.javaName());
            com.github.javaparser.ast.type.ReferenceType type = (com.github.javaparser.ast.type.ReferenceType) pattern.getType();
            Expression bind = new BinaryExpr(new EnclosedExpr(new AssignExpr(new NameExpr(var.javaName()),
                    new CastExpr(type.clone(), value), AssignExpr.Operator.ASSIGN)),
                    new com.github.javaparser.ast.expr.NullLiteralExpr(), BinaryExpr.Operator.NOT_EQUALS);
            Expression replacement = new EnclosedExpr(new ConditionalExpr(
                    new InstanceOfExpr(tested, type.clone()), bind,
                    new com.github.javaparser.ast.expr.BooleanLiteralExpr(false)));
            if (test == result) {
                result = (N) replacement;
            } else {
                test.replace(replacement);
            }
        }
        return result;
    }

    private Var lookup(String name) {
        for (Map<String, Var> scope : scopes) {
            Var var = scope.get(name);
            if (var != null) {
                return var;
            }
        }
        return null;
    }

    private Var newVar(String name, String type, boolean temporary) {
        return newVar(name, type, temporary, null);
    }

    private Var newVar(String name, String type, boolean temporary, Node declaration) {
        int id = vars.size();
        String javaName = name + "$" + id;
        String display = temporary ? name + id : name;
        Var var = new Var(id, javaName, display, type, temporary,
                declaration == null ? SourceRange.UNKNOWN : SourceRange.of(declaration));
        vars.add(var);
        return var;
    }

    private BasicBlock newBlock() {
        BasicBlock block = new BasicBlock(blocks.size(), handlers);
        blocks.add(block);
        return block;
    }

    private void jump(int target, SourceRange range) {
        if (!current.isTerminated()) {
            current.terminate(new Terminator.Goto(target, range));
        }
    }

    /** Code after a jump is unreachable but may still be written (after an if/else that both return). */
    private void ensureOpen() {
        if (current.isTerminated()) {
            current = newBlock();
        }
    }

    private void pushScope() {
        scopes.push(new HashMap<>());
    }

    private void popScope() {
        scopes.pop();
    }
}
