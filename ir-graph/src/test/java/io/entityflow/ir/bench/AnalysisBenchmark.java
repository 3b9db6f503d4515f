package io.entityflow.ir.bench;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.source.SourceFile;
import io.entityflow.ir.source.SourceTree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Analysis + splitting time per 1,000 lines of entity code, warm (the language server runs this on every
 * pause in typing; target under 50 ms). The workload is the checkout, shop, ycsb samples and the tricky
 * program, copied into as many packages as it takes to reach the requested size.
 * <p>Run: {@code ./mvnw -q -pl ir-graph -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.entityflow.ir.bench.AnalysisBenchmark [-Dexec.args="20000"]}
 */
public final class AnalysisBenchmark {
    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int targetLines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<SourceFile> seed = new ArrayList<>();
        Path root = Path.of(System.getProperty("entityflow.root", "..")).toAbsolutePath().normalize();
        for (String sample : List.of("samples/shop", "samples/checkout", "samples/ycsb", "ir-graph/src/test/resources/tricky")) {
            Path folder = root.resolve(sample);
            seed.addAll(SourceTree.load(List.of(folder), folder));
        }
        List<SourceFile> workload = new ArrayList<>();
        int lines = 0;
        for (int copy = 0; lines < targetLines; copy++) {
            for (SourceFile file : seed) {
                String text = file.text().replaceFirst("(?m)^package (\\w+);", "package $1.copy" + copy + ";");
                workload.add(new SourceFile("copy" + copy + "/" + file.name(), text));
                lines += (int) text.lines().count();
            }
        }
        System.out.printf("workload: %d files, %d lines, %d entities%n", workload.size(), lines,
                EntityAnalyzer.analyze(workload).model().entities().size());
        for (int i = 0; i < 30; i++) {
            EntityAnalyzer.analyze(workload);
        }
        int runs = 31;
        double[] millis = new double[runs];
        int splits = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Analysis analysis = EntityAnalyzer.analyze(workload);
            millis[i] = (System.nanoTime() - start) / 1e6;
            splits = analysis.splits().size();
        }
        Arrays.sort(millis);
        double median = millis[runs / 2];
        double perThousand = median / (lines / 1000.0);
        System.out.printf("analysis + splitting: median %.1f ms, min %.1f ms, max %.1f ms for %d lines (%d split methods)%n",
                median, millis[0], millis[runs - 1], lines, splits);
        System.out.printf("{\"benchmark\":\"analysis\",\"lines\":%d,\"median_ms\":%.1f,\"ms_per_1000_lines\":%.2f}%n",
                lines, median, perThousand);
    }
}
