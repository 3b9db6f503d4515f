package io.entityflow.flink.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what a restart resumes from: the newest complete savepoint or retained checkpoint under the
 * state directory. A checkpoint or savepoint is complete when its {@code _metadata} file exists (Flink
 * writes it last), so one cut short by {@code kill -9} is skipped.
 */
final class StateDirectory {
    private StateDirectory() {
    }

    static Optional<Path> newestSnapshot(EngineOptions options) {
        try (Stream<Path> savepoints = metadataFiles(options.savepoints(), 1);
             Stream<Path> checkpoints = metadataFiles(options.checkpoints(), 2)) {
            return Stream.concat(savepoints, checkpoints)
                    .max(Comparator.comparing(StateDirectory::modified))
                    .map(Path::getParent);
        }
    }

    /**
     * Deletes what an earlier run left behind once this run has a completed checkpoint that does not refer
     * to it: other jobs' checkpoint directories and all savepoints but the newest. The newest savepoint stays
     * as the last clean stop; this job's own checkpoints are Flink's to retain and subsume.
     *
     * @return whether it pruned; false while this job has no completed checkpoint, or its newest one still
     * names files of an earlier run (with the changelog, until the state it resumed from is materialised anew)
     */
    static boolean pruneEarlierRuns(EngineOptions options, String currentJobId) {
        return prune(options, currentJobId, true);
    }

    /**
     * After this job stopped with a savepoint: that savepoint is self-contained and the newest snapshot, so
     * earlier jobs' checkpoints can go whatever this job's checkpoints referred to. Savepoints are left as
     * the running job's pruning left them (the one it resumed from stays, as the previous clean stop).
     */
    static void pruneAfterSavepoint(EngineOptions options, String currentJobId) {
        prune(options, currentJobId, false);
    }

    private static boolean prune(EngineOptions options, String currentJobId, boolean whileRunning) {
        try {
            Optional<byte[]> newest = newestMetadata(options.checkpoints().resolve(currentJobId));
            if (whileRunning && newest.isEmpty()) {
                return false;
            }
            String metadata = newest.map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).orElse("");
            List<Path> earlierJobs = List.of();
            if (Files.isDirectory(options.checkpoints())) {
                try (Stream<Path> jobs = Files.list(options.checkpoints())) {
                    earlierJobs = jobs.filter(p -> !p.getFileName().toString().equals(currentJobId)).toList();
                }
            }
            List<Path> olderSavepoints = List.of();
            if (whileRunning) { // after a stop the savepoints stay as the running job left them
                try (Stream<Path> savepoints = metadataFiles(options.savepoints(), 1)) {
                    List<Path> newestFirst = savepoints.sorted(Comparator.comparing(StateDirectory::modified).reversed())
                            .map(Path::getParent).toList();
                    olderSavepoints = newestFirst.subList(Math.min(1, newestFirst.size()), newestFirst.size());
                }
            }
            // the metadata holds the paths of the files it needs; one under an earlier run's directory keeps it
            if (whileRunning && Stream.concat(earlierJobs.stream(), olderSavepoints.stream())
                    .anyMatch(dir -> metadata.contains(dir.getFileName().toString()))) {
                return false;
            }
            for (Path dir : earlierJobs) {
                deleteTree(dir);
            }
            for (Path dir : olderSavepoints) {
                deleteTree(dir);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the state directory " + options.stateDir(), e);
        }
    }

    /** The {@code _metadata} of the newest completed checkpoint under a job's checkpoint directory. */
    private static Optional<byte[]> newestMetadata(Path jobCheckpoints) throws IOException {
        Optional<Path> newest;
        try (Stream<Path> files = metadataFiles(jobCheckpoints, 1)) {
            newest = files.max(Comparator.comparing(StateDirectory::modified));
        }
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(newest.get()));
        } catch (java.nio.file.NoSuchFileException subsumedMeanwhile) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** {@code _metadata} files {@code depth} directories below {@code root} (savepoint-x/ or job/chk-n/). */
    private static Stream<Path> metadataFiles(Path root, int depth) {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try {
            return Files.find(root, depth + 1, (path, attributes) -> attributes.isRegularFile()
                    && path.getFileName().toString().equals("_metadata")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state directory " + root, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
