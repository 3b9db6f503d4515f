package io.entityflow.cli;

import io.entityflow.flink.gateway.client.EntityClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code entityflow run} as a user runs it: a separate JVM from the shaded jar, stopped with SIGTERM (a
 * savepoint) or killed with {@code kill -9}, and started again on the same state directory. No
 * acknowledged call is lost, and retries with the same idempotency key across the crash apply once.
 */
class RunCommandIT {
    private static final Path JAR = Path.of("target", "entityflow-cli-all.jar");
    private static final Path YCSB = Path.of("..", "samples", "ycsb");
    private static final int DEPOSITS = 300;

    @TempDir
    Path stateDir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void survivesKillNineAndCleanStopsWithoutLosingOrRepeatingAnything() throws Exception {
        // run 1: deposits in flight when the process is killed
        Running first = start();
        EntityClient client = first.client();
        assertThat(first.output()).anySatisfy(line -> assertThat(line).contains("(fresh)"));
        assertThat(client.create("Account", "acc", 0).asText()).isEqualTo("acc");
        // never written again: after each restore the snapshots write it from the form kept for it at the restore
        assertThat(client.create("Account", "cold", 7).asText()).isEqualTo("cold");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < DEPOSITS; i++) {
            int deposit = i;
            sent.add(client.withIdempotencyKey("deposit-" + i).callAsync("Account", "acc", "deposit", 1)
                    .thenRun(() -> acknowledged.add(deposit)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < DEPOSITS / 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
        Set<Integer> acknowledgedBeforeCrash = Set.copyOf(acknowledged);
        assertThat(acknowledgedBeforeCrash).as("some deposits acknowledged before the crash").isNotEmpty();

        // run 2: resumes from the latest completed checkpoint; retries every deposit with its key
        Running second = start();
        assertThat(second.output()).anySatisfy(line -> assertThat(line).contains("resumed from chk-"));
        client = second.client();
        long afterCrash = client.call("Account", "acc", "read").asLong();
        assertThat(afterCrash).as("every acknowledged deposit survived the crash")
                .isGreaterThanOrEqualTo(acknowledgedBeforeCrash.size()).isLessThanOrEqualTo(DEPOSITS);
        List<CompletableFuture<?>> retries = new ArrayList<>();
        for (int i = 0; i < DEPOSITS; i++) {
            retries.add(client.withIdempotencyKey("deposit-" + i).callAsync("Account", "acc", "deposit", 1));
        }
        second.await(CompletableFuture.allOf(retries.toArray(CompletableFuture[]::new)), "the retries");
        assertThat(client.call("Account", "acc", "read").asLong()).as("each deposit applied exactly once").isEqualTo(DEPOSITS);
        int exit = second.stop();
        assertThat(String.join("\n", second.output())).as("SIGTERM stops with a savepoint (exit %d)", exit)
                .contains("stopped; savepoint");
        assertThat(exit).as("SIGTERM stops cleanly").isIn(0, 143);

        // run 3: resumes from the savepoint; an old key is still answered from its record
        Running third = start();
        assertThat(third.output()).anySatisfy(line -> assertThat(line).contains("resumed from savepoint-"));
        client = third.client();
        client.withIdempotencyKey("deposit-0").call("Account", "acc", "deposit", 1);
        assertThat(client.call("Account", "acc", "read").asLong()).isEqualTo(DEPOSITS);
        assertThat(client.call("Account", "cold", "read").asLong()).isEqualTo(7);
        assertThat(third.stop()).isIn(0, 143);
        try (var jobs = Files.list(stateDir.resolve("checkpoints")); var savepoints = Files.list(stateDir.resolve("savepoints"))) {
            assertThat(jobs.toList()).as("earlier runs' checkpoints are pruned").hasSize(1);
            assertThat(savepoints.toList()).as("the previous and the last savepoint").hasSize(2);
        }
    }

    private Running start() throws Exception {
        assertThat(JAR).as("the shaded jar (mvn package builds it)").exists();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(), "run", YCSB.toString(),
                "--port", String.valueOf(port), "--state-dir", stateDir.toString())
                .redirectErrorStream(true);
        builder.environment().put("ENTITYFLOW_LOG", stateDir.resolve("entityflow-" + (started.size() + 1) + ".log").toString());
        Process process = builder.start();
        started.add(process);
        Running running = new Running(process, URI.create("http://127.0.0.1:" + port));
        running.awaitHealthy(Duration.ofSeconds(90));
        return running;
    }

    private static final class Running {
        final Process process;
        final URI url;
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        Running(Process process, URI url) {
            this.process = process;
            this.url = url;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "run-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for {@code answers}; when they fail, says whether the process is still there and what it printed. */
        void await(CompletableFuture<?> answers, String what) throws Exception {
            try {
                answers.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                Thread.sleep(500);
                throw new AssertionError(what + " failed; the process is " + (process.isAlive() ? "alive" : "gone (exit "
                        + process.exitValue() + ")") + "; its output:\n" + String.join("\n", output()), e);
            }
        }

        EntityClient client() {
            return EntityClient.connect(url).withTimeout(Duration.ofSeconds(30));
        }

        List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        void awaitHealthy(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!client().isReady()) {
                if (!process.isAlive()) {
                    throw new AssertionError("entityflow run exited with " + process.exitValue() + ":\n" + String.join("\n", output()));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("entityflow run not healthy after " + timeout + ":\n" + String.join("\n", output()));
                }
                Thread.sleep(100);
            }
        }

        int stop() throws Exception {
            // SIGTERM through the handle: Process.destroy() would also close our end of its output
            process.toHandle().destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
            Thread.sleep(200); // let the reader see the last lines
            return process.exitValue();
        }
    }
}
