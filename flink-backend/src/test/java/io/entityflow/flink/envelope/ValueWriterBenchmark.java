package io.entityflow.flink.envelope;

import io.entityflow.ir.runtime.EntityRef;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Nanoseconds to write one entity's fields through a {@link ValueWriter}, warm, for two shapes: the checkout's
 * order (a key, a user reference, a list of two records holding an item reference and a quantity, a flag and a
 * total: what the changelog writes on every update of an order and the materialisation for every order every few
 * seconds) and YCSB's account (four scalars). Prints the median of the measured rounds of six passes over both;
 * the first passes are warm-up (on 2 cores the JIT takes a few), compare the last.
 * <p>Run (after {@code ./mvnw install -DskipTests}): {@code java -cp flink-backend/target/classes:flink-backend/target/test-classes:cli/target/entityflow-cli-all.jar
 * io.entityflow.flink.envelope.ValueWriterBenchmark}
 */
public final class ValueWriterBenchmark {
    private static final int ENTITIES = 100_000;
    private static final int ROUNDS = 12;
    private static final int WARM_ROUNDS = 4;

    /** A line of an order, as the checkout sample's OrderLine record. */
    public record Line(EntityRef item, int quantity) {
    }

    private ValueWriterBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<Object[]> orders = new ArrayList<>();
        List<Object[]> accounts = new ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
            List<Line> lines = new ArrayList<>();
            lines.add(new Line(new EntityRef("checkout.Item", String.valueOf(i % 1000)), 1));
            lines.add(new Line(new EntityRef("checkout.Item", String.valueOf((i * 7) % 1000)), 1));
            orders.add(new Object[]{String.valueOf(i), new EntityRef("checkout.User", String.valueOf(i % 500)), lines, i % 2 == 0, 2});
            accounts.add(new Object[]{"user" + i, (long) i, "payload-" + i, 0L});
        }
        // both shapes through one writer, as in a job: each measured after the other has run
        for (int pass = 0; pass < 6; pass++) {
            System.out.printf("pass %d: order %.1f ns, account %.1f ns per entity%n", pass + 1, medianNanos(orders),
                    medianNanos(accounts));
        }
    }

    private static double medianNanos(List<Object[]> entities) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        double[] perEntity = new double[ROUNDS - WARM_ROUNDS];
        long bytes = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (Object[] fields : entities) {
                out.clear();
                ValueWriter graph = new ValueWriter(out);
                for (Object field : fields) {
                    graph.write(field);
                }
                bytes += out.length();
            }
            if (round >= WARM_ROUNDS) {
                perEntity[round - WARM_ROUNDS] = (System.nanoTime() - start) / (double) entities.size();
            }
        }
        if (bytes == 0) {
            throw new AssertionError("nothing written");
        }
        java.util.Arrays.sort(perEntity);
        return perEntity[perEntity.length / 2];
    }
}
