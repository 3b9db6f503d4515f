package io.entityflow.ir.differential;

import io.entityflow.ir.codegen.GeneratedSource;
import io.entityflow.ir.codegen.InMemoryCompiler;
import org.junit.jupiter.api.Test;
import java.util.List;

class GenSanityTmpTest {
    @Test
    void plainCompiles() throws Exception {
        long t0 = System.nanoTime();
        int bad = 0;
        for (long seed = 1; seed <= 400; seed++) {
            var p = EntityProgramGenerator.generate(seed);
            if (seed == 3) java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/gen3.txt"), p.text());
            try {
                InMemoryCompiler.compile(List.of(new GeneratedSource("gen.Counter", p.counterSource()), new GeneratedSource("gen.Driver", p.driverSource())));
            } catch (InMemoryCompiler.CompilationFailed e) {
                if (bad++ < 3) System.out.println("SEED " + seed + "\n" + e.getMessage() + "\n" + p.text());
            }
        }
        System.out.println("BAD " + bad + " time " + (System.nanoTime() - t0) / 1e9);
    }
}
