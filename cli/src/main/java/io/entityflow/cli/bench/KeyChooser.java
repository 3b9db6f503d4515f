package io.entityflow.cli.bench;

import java.util.random.RandomGenerator;

/** Picks the index of the record an operation touches, in {@code [0, records)}. Thread-safe: the randomness is the caller's. */
interface KeyChooser {
    int next(RandomGenerator random);

    /** uniform or zipfian (θ = 0.99, scrambled), as YCSB names them. */
    static KeyChooser of(String distribution, int records, long seed) {
        return switch (distribution) {
            case "uniform" -> random -> random.nextInt(records);
            case "zipfian" -> new ScrambledZipfian(new ZipfianGenerator(records, ZipfianGenerator.YCSB_THETA), seed);
            default -> throw new IllegalArgumentException("unknown distribution " + distribution + " (uniform or zipfian)");
        };
    }
}
