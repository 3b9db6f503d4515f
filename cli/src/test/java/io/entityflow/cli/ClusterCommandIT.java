package io.entityflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code entityflow cluster start|stop}: separate JVMs that outlive the command, stopped by their process ids. */
class ClusterCommandIT {
    @TempDir
    Path dir;

    @Test
    void startsAClusterThatRunsOnAndStopsItByProcessId() throws Exception {
        CliRun start = CliRun.run("cluster", "start", "--dir", dir.toString(), "--rest-port", "0", "--task-managers", "2",
                "--kafka-port", "0");
        try {
            assertThat(start.exitCode()).as(start.describe()).isZero();
            Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:\\d+").matcher(start.out());
            assertThat(url.find()).as(start.out()).isTrue();
            HttpResponse<String> overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group() + "/overview"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(overview.body()).contains("\"taskmanagers\":2").contains("\"slots-total\":4");
            Matcher kafka = Pattern.compile("Kafka broker: (127\\.0\\.0\\.1:\\d+)").matcher(start.out());
            assertThat(kafka.find()).as(start.out()).isTrue();
            io.entityflow.flink.deploy.KafkaAdmin.connect(kafka.group(1)).close();
            CliRun again = CliRun.run("cluster", "start", "--dir", dir.toString(), "--rest-port", "0");
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).contains("still running");
        } finally {
            List<Long> pids = Files.readAllLines(dir.resolve(ClusterCommand.PIDS)).stream().filter(l -> !l.isBlank())
                    .map(l -> Long.parseLong(l.trim().split(" ")[0])).toList();
            CliRun stop = CliRun.run("cluster", "stop", "--dir", dir.toString());
            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(pids).as("job manager, two task managers, Kafka broker").hasSize(4).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        }
        assertThat(CliRun.run("cluster", "stop", "--dir", dir.toString()).exitCode()).as("nothing left to stop").isEqualTo(1);
    }
}
