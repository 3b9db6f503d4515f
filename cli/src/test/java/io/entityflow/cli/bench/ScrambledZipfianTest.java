package io.entityflow.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScrambledZipfianTest {

    @Test
    void everyKeyIsTheHomeOfExactlyOneRank() {
        ScrambledZipfian keys = new ScrambledZipfian(new ZipfianGenerator(5_000, 0.99), 3);
        int[] keyOfRank = IntStream.range(0, 5_000).map(keys::keyOfRank).sorted().toArray();
        assertThat(keyOfRank).isEqualTo(IntStream.range(0, 5_000).toArray());
    }

    @Test
    void samplesReachTheWholeKeyspaceAndKeepTheZipfianShape() {
        int records = 1_000;
        ZipfianGenerator ranks = new ZipfianGenerator(records, 0.99);
        ScrambledZipfian keys = new ScrambledZipfian(ranks, 1);
        long[] counts = new long[records];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            counts[keys.next(random)]++;
        }
        // the least popular key is expected ~150 times in a million draws: none is left out
        assertThat(Arrays.stream(counts).filter(c -> c == 0).count()).isZero();
        // the hottest key is where rank 0 went, with rank 0's share
        int hottest = IntStream.range(0, records).reduce((a, b) -> counts[a] >= counts[b] ? a : b).orElseThrow();
        assertThat(hottest).isEqualTo(keys.keyOfRank(0));
        assertThat(counts[hottest] / 1e6).isCloseTo(ranks.probability(0), within(ranks.probability(0) * 0.02));
    }

    @Test
    void theHotKeysAreSpreadOverTheKeyspace() {
        int records = 10_000;
        ScrambledZipfian keys = new ScrambledZipfian(new ZipfianGenerator(records, 0.99), 1);
        int[] hottest = IntStream.range(0, 20).map(keys::keyOfRank).toArray();
        // not the first keys, and in more than one part of the range (unscrambled they would be 0..19)
        assertThat(Arrays.stream(hottest).filter(k -> k < 20).count()).isLessThan(3);
        assertThat(Arrays.stream(hottest).filter(k -> k < records / 2).count()).isBetween(3L, 17L);
        assertThat(new ScrambledZipfian(new ZipfianGenerator(records, 0.99), 1).keyOfRank(0)).isEqualTo(hottest[0]);
    }
}
