package io.entityflow.flink.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StateDirectoryTest {
    @TempDir
    Path state;

    private Path snapshot(String relative, long secondsAgo, boolean complete) throws Exception {
        Path dir = Files.createDirectories(state.resolve(relative));
        Files.writeString(dir.resolve("data"), "x");
        if (complete) {
            Path metadata = Files.writeString(dir.resolve("_metadata"), "m");
            Files.setLastModifiedTime(metadata, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
        }
        return dir;
    }

    @Test
    void resumesFromTheNewestCompleteSnapshotAndSkipsOnesCutShort() throws Exception {
        EngineOptions options = EngineOptions.defaults(state);
        assertThat(StateDirectory.newestSnapshot(options)).isEmpty();
        snapshot("savepoints/savepoint-old", 300, true);
        Path checkpoint = snapshot("checkpoints/job1/chk-7", 100, true);
        snapshot("checkpoints/job1/chk-8", 0, false); // kill -9 while it was written: no _metadata
        assertThat(StateDirectory.newestSnapshot(options)).contains(checkpoint);
        Path savepoint = snapshot("savepoints/savepoint-new", 10, true);
        assertThat(StateDirectory.newestSnapshot(options)).contains(savepoint);
    }

    @Test
    void prunesEarlierRunsButKeepsTheNewestSavepointAndThisJob() throws Exception {
        EngineOptions options = EngineOptions.defaults(state);
        snapshot("savepoints/savepoint-old", 300, true);
        Path newest = snapshot("savepoints/savepoint-new", 200, true);
        snapshot("checkpoints/earlier/chk-3", 250, true);
        Path current = snapshot("checkpoints/current/chk-1", 0, true);
        assertThat(StateDirectory.pruneEarlierRuns(options, "current")).isTrue();
        assertThat(state.resolve("savepoints/savepoint-old")).doesNotExist();
        assertThat(state.resolve("checkpoints/earlier")).doesNotExist();
        assertThat(newest).exists();
        assertThat(current).exists();
    }

    @Test
    void waitsForACheckpointOfItsOwnThatNoLongerNamesAnEarlierRun() throws Exception {
        EngineOptions options = EngineOptions.defaults(state);
        Path earlier = snapshot("checkpoints/earlier/chk-3", 250, true);
        assertThat(StateDirectory.pruneEarlierRuns(options, "current")).as("no checkpoint of its own yet").isFalse();
        // a changelog checkpoint before the next materialisation still points at the state it resumed from
        Path current = Files.createDirectories(state.resolve("checkpoints/current/chk-1"));
        Files.writeString(current.resolve("_metadata"), "handle file:" + earlier.resolve("data"));
        assertThat(StateDirectory.pruneEarlierRuns(options, "current")).isFalse();
        assertThat(earlier).exists();
        Path next = Files.createDirectories(state.resolve("checkpoints/current/chk-2"));
        Files.writeString(next.resolve("_metadata"), "handle file:" + next.resolve("materialised"));
        Files.setLastModifiedTime(next.resolve("_metadata"), FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(StateDirectory.pruneEarlierRuns(options, "current")).isTrue();
        assertThat(state.resolve("checkpoints/earlier")).doesNotExist();
    }

    @Test
    void afterASavepointEarlierRunsGoEvenIfThisJobsCheckpointsNamedThem() throws Exception {
        EngineOptions options = EngineOptions.defaults(state);
        Path earlier = snapshot("checkpoints/earlier/chk-3", 250, true);
        Path current = Files.createDirectories(state.resolve("checkpoints/current/chk-1"));
        Files.writeString(current.resolve("_metadata"), "handle file:" + earlier.resolve("data"));
        Path resumedFrom = snapshot("savepoints/savepoint-start", 100, true);
        Path savepoint = snapshot("savepoints/savepoint-stop", 0, true);
        StateDirectory.pruneAfterSavepoint(options, "current");
        assertThat(resumedFrom).as("the previous clean stop").exists();
        assertThat(state.resolve("checkpoints/earlier")).doesNotExist();
        assertThat(savepoint).exists();
        assertThat(current).exists();
    }
}
