package io.entityflow.cli;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code entityflow inspect} refuses what it cannot inspect, quickly and clearly (no Flink needed). */
class InspectCommandTest {
    @Test
    void anUnreachableFlinkFailsWithinSecondsNamingTheAddress() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        long start = System.nanoTime();
        CliRun run = CliRun.run("inspect", "--flink", "http://127.0.0.1:" + closed, "--program", "../samples/shop", "--port", "0");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("http://127.0.0.1:" + closed).contains("does not answer");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(10);
    }

    @Test
    void aMissingProgramFolderIsAUsageError() {
        CliRun run = CliRun.run("inspect", "--flink", "http://127.0.0.1:1", "--program", "no/such/folder");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no/such/folder").contains("not a folder");
    }

    @Test
    void aMalformedQueryableAddressIsAUsageError() {
        CliRun run = CliRun.run("inspect", "--flink", "http://127.0.0.1:1", "--program", "../samples/shop",
                "--job", "00000000000000000000000000000001", "--queryable", "nohostport");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--queryable must be HOST:PORT");
    }
}
