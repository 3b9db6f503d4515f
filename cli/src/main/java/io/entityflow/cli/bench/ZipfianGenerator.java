package io.entityflow.cli.bench;

import java.util.random.RandomGenerator;

/**
 * Zipfian ranks in {@code [0, items)}: rank {@code r} comes up with probability {@code 1 / ((r+1)^θ · ζ(n, θ))},
 * rank 0 the most popular. Sampled in constant time by the method YCSB uses (Gray et al., "Quickly
 * generating billion-record synthetic databases", SIGMOD 1994): exact for ranks 0 and 1, a continuous
 * approximation of the inverse distribution function beyond.
 */
final class ZipfianGenerator {
    /** YCSB's default skew. */
    static final double YCSB_THETA = 0.99;
    private final int items;
    private final double theta;
    private final double zetaN;
    private final double alpha;
    private final double eta;
    private final double firstTwo;

    ZipfianGenerator(int items, double theta) {
        if (items < 2) {
            throw new IllegalArgumentException("a zipfian distribution needs at least 2 items, got " + items);
        }
        if (!(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("θ must lie strictly between 0 and 1, got " + theta);
        }
        this.items = items;
        this.theta = theta;
        this.zetaN = zeta(items, theta);
        this.alpha = 1 / (1 - theta);
        this.eta = (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta(2, theta) / zetaN);
        this.firstTwo = 1 + Math.pow(0.5, theta);
    }

    /** ζ(n, θ) = Σ_{i=1..n} 1/i^θ, the normalising constant. */
    static double zeta(int n, double theta) {
        double sum = 0;
        for (int i = n; i >= 1; i--) { // smallest terms first: less rounding error
            sum += 1 / Math.pow(i, theta);
        }
        return sum;
    }

    int items() {
        return items;
    }

    int nextRank(RandomGenerator random) {
        double u = random.nextDouble();
        double uz = u * zetaN;
        if (uz < 1) {
            return 0;
        }
        if (uz < firstTwo) {
            return 1;
        }
        int rank = (int) (items * Math.pow(eta * u - eta + 1, alpha));
        return Math.min(rank, items - 1);
    }

    /** The exact probability of a rank under the zipfian law this generator follows. */
    double probability(int rank) {
        return 1 / (Math.pow(rank + 1, theta) * zetaN);
    }
}
