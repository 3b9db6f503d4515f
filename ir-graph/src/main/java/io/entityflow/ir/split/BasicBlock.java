package io.entityflow.ir.split;

import io.entityflow.ir.diag.SourceRange;

import java.util.ArrayList;
import java.util.List;

/** Straight-line code ending in one terminator, inside a fixed set of exception handlers. */
public final class BasicBlock {
    private final int id;
    private final HandlerScope handlers;
    private final List<Instr> instructions = new ArrayList<>();
    private Terminator terminator;

    BasicBlock(int id, HandlerScope handlers) {
        this.id = id;
        this.handlers = handlers;
    }

    public int id() {
        return id;
    }

    public HandlerScope handlers() {
        return handlers;
    }

    public List<Instr> instructions() {
        return instructions;
    }

    public Terminator terminator() {
        return terminator;
    }

    boolean isTerminated() {
        return terminator != null;
    }

    void add(Instr instr) {
        instructions.add(instr);
    }

    void terminate(Terminator end) {
        if (terminator == null) {
            terminator = end;
        }
    }

    /** Successors inside the method (not the exception handlers, which {@link #handlers()} gives). */
    public List<Integer> successors() {
        if (terminator instanceof Terminator.Goto g) {
            return List.of(g.target());
        } else if (terminator instanceof Terminator.Branch b) {
            return List.of(b.whenTrue(), b.whenFalse());
        } else if (terminator instanceof Terminator.Switch s) {
            List<Integer> targets = new ArrayList<>();
            s.arms().forEach(arm -> targets.add(arm.target()));
            targets.add(s.otherwise());
            return targets;
        } else if (terminator instanceof Terminator.Call c) {
            return List.of(c.continuation());
        }
        return List.of();
    }

    /** The source this block's code came from, for the graph; null when it has none (a join point). */
    SourceRange sourceSpan() {
        SourceRange span = null;
        for (Instr instr : instructions) {
            span = join(span, instr.range());
        }
        return terminator == null ? span : join(span, terminator.range());
    }

    private static SourceRange join(SourceRange a, SourceRange b) {
        if (b == null || b == SourceRange.UNKNOWN) {
            return a;
        }
        return a == null ? b : SourceRange.span(a, b);
    }
}
