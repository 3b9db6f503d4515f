package io.entityflow.lsp.bench;

import io.entityflow.lsp.documents.Uris;
import io.entityflow.lsp.testing.LspSession;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Time from {@code didChange} to {@code publishDiagnostics} through a real LSP4J connection (debounce set to 0,
 * so the figure is the server's own work: sync, incremental analysis, conversion, JSON-RPC both ways), on a
 * generated workspace of the shop, checkout and ycsb samples copied into as many packages as it takes to reach
 * the requested number of lines; and the heap after 1,000 and after all edits (after a full GC).
 * Each edit types a statement into a method body of one open file, or deletes it again, and waits for its diagnostics.
 * <p>Run: {@code ./mvnw -q -pl language-server -am test-compile && ./mvnw -q -pl language-server exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.entityflow.lsp.bench.LspBenchmark [-Dexec.args="5000 10000"]}
 */
public final class LspBenchmark {
    private LspBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int targetLines = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path root = Path.of(System.getProperty("entityflow.root", Files.isDirectory(Path.of("samples")) ? "." : "..")).toAbsolutePath().normalize();
        Path workspace = Files.createTempDirectory("entityflow-lsp-bench");
        int lines = 0;
        int files = 0;
        for (int copy = 0; lines < targetLines; copy++) {
            for (String sample : List.of("shop", "checkout", "ycsb")) {
                try (Stream<Path> sources = Files.list(root.resolve("samples").resolve(sample))) {
                    for (Path source : sources.filter(p -> p.toString().endsWith(".java") && !p.toString().endsWith("Routes.java")).sorted().toList()) {
                        String text = Files.readString(source).replaceFirst("(?m)^package (\\w+);", "package $1.copy" + copy + ";");
                        Path target = workspace.resolve("copy" + copy).resolve(sample).resolve(source.getFileName());
                        Files.createDirectories(target.getParent());
                        Files.writeString(target, text);
                        lines += (int) text.lines().count();
                        files++;
                    }
                }
            }
        }
        Path edited = workspace.resolve("copy0/checkout/Order.java");
        String text = Files.readString(edited);
        int line = (int) text.substring(0, text.indexOf("{", text.indexOf("public Order(")) + 1).lines().count() - 1;
        int character = text.lines().skip(line).findFirst().orElseThrow().length();
        String uri = Uris.of(edited);
        System.out.printf("workspace: %d files, %d lines; editing %s line %d%n", files, lines, edited.getFileName(), line + 1);
        try (LspSession session = LspSession.start(0, workspace)) {
            long start = System.nanoTime();
            session.awaitDiagnostics(Uris.of(workspace.resolve("copy0/shop/Item.java")));
            session.open(uri, text);
            System.out.printf("initial analysis of the workspace and open: %d ms%n", (System.nanoTime() - start) / 1_000_000);
            String statement = " int typed = 1;";
            Range insertAt = new Range(new Position(line, character), new Position(line, character));
            Range typedRange = new Range(new Position(line, character), new Position(line, character + statement.length()));
            long[] micros = new long[edits];
            long heapAfter1k = 0;
            for (int i = 0; i < edits; i++) {
                session.client().forget();
                int from = 0;
                long sent = System.nanoTime();
                int version = i % 2 == 0 ? session.change(uri, insertAt, statement) : session.change(uri, typedRange, "");
                session.awaitDiagnostics(from, uri, version);
                micros[i] = (System.nanoTime() - sent) / 1_000;
                if (i == 999) {
                    heapAfter1k = usedHeapAfterGc();
                }
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("%d edits%n", i + 1);
                }
            }
            long heapAtEnd = usedHeapAfterGc();
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            System.out.printf("didChange -> publishDiagnostics over %d edits: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    edits, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1] / 1000.0);
            System.out.printf("heap used after GC: %.1f MB after 1,000 edits, %.1f MB after %,d edits%n",
                    heapAfter1k / 1e6, heapAtEnd / 1e6, edits);
            System.out.printf("{\"benchmark\":\"lsp\",\"files\":%d,\"lines\":%d,\"edits\":%d,\"p50_ms\":%.1f,\"p95_ms\":%.1f,"
                            + "\"p99_ms\":%.1f,\"heap_1k_mb\":%.1f,\"heap_end_mb\":%.1f}%n", files, lines, edits,
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), heapAfter1k / 1e6, heapAtEnd / 1e6);
        }
    }

    private static double percentile(long[] sortedMicros, int p) {
        int index = Math.min(sortedMicros.length - 1, (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1);
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
