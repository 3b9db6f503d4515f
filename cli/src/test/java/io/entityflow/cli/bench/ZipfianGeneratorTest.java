package io.entityflow.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ZipfianGeneratorTest {
    private static final int SAMPLES = 1_000_000;

    @Test
    void theNormalisingConstantIsTheZetaSum() {
        assertThat(ZipfianGenerator.zeta(1, 0.99)).isEqualTo(1.0);
        assertThat(ZipfianGenerator.zeta(2, 0.99)).isCloseTo(1 + Math.pow(2, -0.99), within(1e-12));
        // ζ(10000, 0.99) lies a little above the harmonic number H(10000) ≈ 9.7876
        assertThat(ZipfianGenerator.zeta(10_000, 0.99)).isBetween(9.79, 10.5);
    }

    @Test
    void theMostPopularKeysGetTheirZipfianShareForYcsbTheta() {
        ZipfianGenerator zipfian = new ZipfianGenerator(10_000, ZipfianGenerator.YCSB_THETA);
        long[] counts = sample(zipfian, 10_000);
        // rank 0: p ≈ 0.097; with a million samples its share is within 1% of that (σ ≈ 0.3%)
        assertThat(share(counts[0])).isCloseTo(zipfian.probability(0), within(zipfian.probability(0) * 0.01));
        assertThat(share(counts[1])).isCloseTo(zipfian.probability(1), within(zipfian.probability(1) * 0.02));
        // beyond rank 1 the method approximates the law: the top 100 together within 5%
        double top100 = 0;
        long top100Count = 0;
        for (int rank = 0; rank < 100; rank++) {
            top100 += zipfian.probability(rank);
            top100Count += counts[rank];
        }
        assertThat(share(top100Count)).isCloseTo(top100, within(top100 * 0.05));
        // and popularity falls with rank
        assertThat(counts[0]).isGreaterThan(counts[1]);
        assertThat(counts[1]).isGreaterThan(counts[10]);
        assertThat(counts[10]).isGreaterThan(counts[1000]);
    }

    @Test
    void ranksStayInRange() {
        ZipfianGenerator zipfian = new ZipfianGenerator(3, 0.5);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            assertThat(zipfian.nextRank(random)).isBetween(0, 2);
        }
    }

    @Test
    void refusesWhatTheMethodCannotDo() {
        assertThatThrownBy(() -> new ZipfianGenerator(1, 0.99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfianGenerator(10, 1.0)).hasMessageContaining("θ");
        assertThatThrownBy(() -> new ZipfianGenerator(10, 0)).hasMessageContaining("θ");
    }

    static long[] sample(ZipfianGenerator zipfian, int items) {
        long[] counts = new long[items];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SAMPLES; i++) {
            counts[zipfian.nextRank(random)]++;
        }
        return counts;
    }

    static double share(long count) {
        return count / (double) SAMPLES;
    }
}
