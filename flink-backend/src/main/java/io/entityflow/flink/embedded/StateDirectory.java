package io.entityflow.flink.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
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
     * Deletes what an earlier run left behind once this run has a completed checkpoint of its own: other
     * jobs' checkpoint directories and all savepoints but the newest. The newest savepoint stays as the
     * last clean stop; this job's own checkpoints are Flink's to retain and subsume.
     */
    static void pruneEarlierRuns(EngineOptions options, String currentJobId) {
        try {
            if (Files.isDirectory(options.checkpoints())) {
                try (Stream<Path> jobs = Files.list(options.checkpoints())) {
                    for (Path job : jobs.filter(p -> !p.getFileName().toString().equals(currentJobId)).toList()) {
                        deleteTree(job);
                    }
                }
            }
            try (Stream<Path> savepoints = metadataFiles(options.savepoints(), 1)) {
                List<Path> newestFirst = savepoints.sorted(Comparator.comparing(StateDirectory::modified).reversed())
                        .map(Path::getParent).toList();
                for (Path old : newestFirst.subList(Math.min(1, newestFirst.size()), newestFirst.size())) {
                    deleteTree(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the state directory " + options.stateDir(), e);
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
