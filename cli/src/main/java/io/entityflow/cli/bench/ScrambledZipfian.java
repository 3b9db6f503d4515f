package io.entityflow.cli.bench;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Zipfian keys whose popular ranks are scattered over the keyspace, so the hot records are not the first
 * few (which a range-partitioned store would put side by side). YCSB scrambles by drawing from a zipfian
 * over 10^10 items and hashing the draw modulo the record count, so the hot keys' shares follow that
 * constant rather than the record count; a fixed random permutation of the keys keeps the zipfian law
 * over the records exactly and still reaches every key.
 */
final class ScrambledZipfian implements KeyChooser {
    private final ZipfianGenerator ranks;
    private final int[] keyOfRank;

    ScrambledZipfian(ZipfianGenerator ranks, long seed) {
        this.ranks = ranks;
        this.keyOfRank = permutation(ranks.items(), seed);
    }

    @Override
    public int next(RandomGenerator random) {
        return keyOfRank[ranks.nextRank(random)];
    }

    /** The key the rank-th most popular position falls on. */
    int keyOfRank(int rank) {
        return keyOfRank[rank];
    }

    /** Fisher-Yates shuffle of 0..n-1 with a seeded generator: the same seed, the same hot keys. */
    private static int[] permutation(int n, long seed) {
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = keys[i];
            keys[i] = keys[j];
            keys[j] = swap;
        }
        return keys;
    }
}
