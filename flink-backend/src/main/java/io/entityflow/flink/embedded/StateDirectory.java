package io.entityflow.flink.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
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
