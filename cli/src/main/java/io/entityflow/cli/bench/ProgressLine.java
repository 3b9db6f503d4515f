package io.entityflow.cli.bench;

import java.io.PrintWriter;

/**
 * The live line on standard error, once a second: phase, seconds into it, operations per second over the
 * last second, p99 latency of the phase so far, errors and requests in flight. On a terminal it rewrites
 * itself in place; otherwise (a log, a test) each update is a line of its own.
 */
final class ProgressLine {
    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private Window lastWindow;
    private long lastCompleted;
    private long lastNanos;

    ProgressLine(PrintWriter out) {
        this.out = out;
    }

    synchronized void print(Window window, long errors, long inFlight) {
        long now = System.nanoTime();
        long completed = window.completed();
        if (window != lastWindow) {
            lastWindow = window;
            lastCompleted = 0;
            lastNanos = window.startNanos();
        }
        double rate = (completed - lastCompleted) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastCompleted = completed;
        lastNanos = now;
        double p99 = window.latencies().getValueAtPercentile(99) / 1000.0;
        String text = String.format("%-8s %4.0f s  %,10.0f ops/s  p99 %8.2f ms  errors %,d  in flight %,d",
                window.name(), window.seconds(), rate, p99, errors, inFlight);
        if (terminal) {
            out.print("\r" + text + "   ");
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Ends the line being rewritten, so what follows starts on a line of its own. */
    synchronized void finish() {
        if (terminal) {
            out.println();
            out.flush();
        }
    }
}
