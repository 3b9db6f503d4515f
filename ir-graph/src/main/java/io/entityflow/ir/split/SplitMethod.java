package io.entityflow.ir.split;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.NameExpr;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A method lowered to basic blocks, with the liveness of its locals. The <em>split blocks</em> are what
 * users see and the runtime resumes at: block 0 is the method's entry, block k (k ≥ 1) the code that runs
 * when the k-th call site's result arrives. {@link #frame(int)} is what must be saved across that call.
 */
public final class SplitMethod {
    private final EntityModel entity;
    private final MethodModel method;
    private final List<Var> parameters;
    private final List<Var> vars;
    private final List<BasicBlock> blocks;
    private final String returnType;
    private final Map<String, Var> byJavaName = new HashMap<>();
    private final Map<Integer, Set<Var>> liveIn = new HashMap<>();
    private final List<Integer> resumePoints = new ArrayList<>();
    private final Map<Integer, Integer> splitIdOfBlock = new HashMap<>();

    SplitMethod(EntityModel entity, MethodModel method, List<Var> parameters, List<Var> vars,
                List<BasicBlock> blocks, String returnType) {
        this.entity = entity;
        this.method = method;
        this.parameters = List.copyOf(parameters);
        this.vars = List.copyOf(vars);
        this.blocks = List.copyOf(blocks);
        this.returnType = returnType;
        vars.forEach(v -> byJavaName.put(v.javaName(), v));
        resumePoints.add(0);
        for (BasicBlock block : blocks) {
            if (block.terminator() instanceof Terminator.Call call) {
                resumePoints.add(call.continuation());
            }
        }
        for (int i = 0; i < resumePoints.size(); i++) {
            splitIdOfBlock.put(resumePoints.get(i), i);
        }
        computeLiveness();
    }

    public EntityModel entity() {
        return entity;
    }

    public MethodModel method() {
        return method;
    }

    public List<Var> parameters() {
        return parameters;
    }

    public List<Var> vars() {
        return vars;
    }

    public List<BasicBlock> blocks() {
        return blocks;
    }

    public String returnType() {
        return returnType;
    }

    /** Basic block ids where the method starts or resumes, indexed by split block id. */
    public List<Integer> resumePoints() {
        return resumePoints;
    }

    public int splitBlockOf(int continuationBlock) {
        return splitIdOfBlock.get(continuationBlock);
    }

    /** The locals saved across the call that resumes at split block {@code splitId} (parameters for 0). */
    public List<Var> frame(int splitId) {
        if (splitId == 0) {
            return parameters;
        }
        return sorted(liveIn.get(resumePoints.get(splitId)));
    }

    public int callCount() {
        return resumePoints.size() - 1;
    }

    private static List<Var> sorted(Set<Var> live) {
        List<Var> list = new ArrayList<>(live);
        list.sort(Comparator.comparingInt(Var::id));
        return list;
    }

    // ---------------------------------------------------------------- liveness

    private void computeLiveness() {
        for (BasicBlock block : blocks) {
            liveIn.put(block.id(), new LinkedHashSet<>());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = blocks.size() - 1; i >= 0; i--) {
                BasicBlock block = blocks.get(i);
                Set<Var> live = new LinkedHashSet<>();
                for (int successor : block.successors()) {
                    live.addAll(liveIn.get(successor));
                }
                live.addAll(usesOf(block.terminator()));
                List<Instr> instructions = block.instructions();
                for (int k = instructions.size() - 1; k >= 0; k--) {
                    Instr instr = instructions.get(k);
                    if (instr instanceof Instr.Assign assign) {
                        live.remove(assign.target());
                        live.addAll(uses(assign.value()));
                    } else if (instr instanceof Instr.Resume resume) {
                        if (resume.target() != null) {
                            live.remove(resume.target());
                        }
                    } else if (instr instanceof Instr.Eval eval) {
                        live.addAll(uses(eval.expression()));
                    } else if (instr instanceof Instr.Verbatim verbatim) {
                        live.addAll(uses(verbatim.statement()));
                    }
                }
                live.addAll(handlerLive(block.handlers()));
                if (!live.equals(liveIn.get(block.id()))) {
                    liveIn.put(block.id(), live);
                    changed = true;
                }
            }
        }
    }

    /** An exception may leave a block anywhere: what its handlers need is live throughout it. */
    private Set<Var> handlerLive(HandlerScope scope) {
        Set<Var> live = new LinkedHashSet<>();
        for (HandlerScope s = scope; s != null; s = s.outer()) {
            for (HandlerScope.CatchArm arm : s.arms()) {
                Set<Var> needed = new LinkedHashSet<>(liveIn.get(arm.target()));
                needed.remove(arm.variable());
                live.addAll(needed);
            }
            if (s.hasFinally()) {
                Set<Var> needed = new LinkedHashSet<>(liveIn.get(s.finallyBlock()));
                needed.remove(s.finallyException());
                live.addAll(needed);
                break;
            }
        }
        return live;
    }

    private Set<Var> usesOf(Terminator terminator) {
        Set<Var> used = new LinkedHashSet<>();
        if (terminator instanceof Terminator.Branch b) {
            used.addAll(uses(b.condition()));
        } else if (terminator instanceof Terminator.Switch s) {
            used.addAll(uses(s.selector()));
        } else if (terminator instanceof Terminator.Return r && r.value() != null) {
            used.addAll(uses(r.value()));
        } else if (terminator instanceof Terminator.Throw t) {
            used.addAll(uses(t.exception()));
        } else if (terminator instanceof Terminator.Call c) {
            if (c.receiver() != null) {
                used.addAll(uses(c.receiver()));
            }
            c.arguments().forEach(a -> used.addAll(uses(a)));
        }
        return used;
    }

    private Set<Var> uses(Node node) {
        Set<Var> used = new LinkedHashSet<>();
        if (node instanceof NameExpr name) {
            Var var = byJavaName.get(name.getNameAsString());
            if (var != null) {
                used.add(var);
            }
            return used;
        }
        for (NameExpr name : node.findAll(NameExpr.class)) {
            Var var = byJavaName.get(name.getNameAsString());
            if (var != null) {
                used.add(var);
            }
        }
        return used;
    }

    // ---------------------------------------------------------------- split blocks

    /** Basic blocks a split block runs before it returns, throws or reaches a call (exception paths included). */
    public Set<Integer> basicBlocksOf(int splitId) {
        Set<Integer> seen = new TreeSet<>();
        Deque<Integer> work = new ArrayDeque<>();
        work.push(resumePoints.get(splitId));
        while (!work.isEmpty()) {
            int id = work.pop();
            if (!seen.add(id)) {
                continue;
            }
            BasicBlock block = blocks.get(id);
            if (!(block.terminator() instanceof Terminator.Call)) {
                block.successors().forEach(work::push);
            }
            for (HandlerScope s = block.handlers(); s != null; s = s.outer()) {
                s.arms().forEach(arm -> work.push(arm.target()));
                if (s.hasFinally()) {
                    work.push(s.finallyBlock());
                    break;
                }
            }
        }
        return seen;
    }

    public io.entityflow.ir.diag.SourceRange rangeOf(int splitId) {
        io.entityflow.ir.diag.SourceRange span = null;
        for (int id : basicBlocksOf(splitId)) {
            io.entityflow.ir.diag.SourceRange range = blocks.get(id).sourceSpan();
            if (range != null) {
                span = span == null ? range : io.entityflow.ir.diag.SourceRange.span(span, range);
            }
        }
        return span == null ? io.entityflow.ir.diag.SourceRange.of(method.declaration()) : span;
    }
}
