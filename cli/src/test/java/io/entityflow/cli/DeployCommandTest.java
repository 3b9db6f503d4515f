package io.entityflow.cli;

import io.entityflow.flink.deploy.JobJar;
import io.entityflow.flink.deploy.ProgramDescriptor;
import io.entityflow.flink.embedded.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What deploy and package refuse or write before any cluster is involved. */
class DeployCommandTest {
    @TempDir
    Path dir;

    @Test
    void aProgramWithErrorsIsNotDeployed() {
        // the Flink address answers nothing: the program's errors must stop deploy before it is asked
        CliRun run = CliRun.run("deploy", "../samples/unsplittable", "--flink", "http://127.0.0.1:" + FreePorts.any());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.err()).contains("error EF101").contains("not deployed: fix the errors above");
        assertThat(run.err()).doesNotContain("does not answer");
    }

    @Test
    void anUnreachableFlinkFailsWithinSecondsNamingTheAddress() {
        String flink = "http://127.0.0.1:" + FreePorts.any();
        long start = System.nanoTime();
        CliRun run = CliRun.run("deploy", "../samples/shop", "--flink", flink);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(run.err()).contains("Flink's REST API at " + flink + "/ does not answer");
        CliRun jobs = CliRun.run("jobs", "--flink", flink);
        assertThat(jobs.exitCode()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(jobs.err()).contains("does not answer");
    }

    @Test
    void packageWritesAJobJarNamingItsProgramFlinkAndTheFieldsItSaves() throws Exception {
        Path jar = dir.resolve("shop.jar");
        CliRun run = CliRun.run("package", "../samples/shop", "-o", jar.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JobJar.Info info = JobJar.read(jar);
        assertThat(info.program()).isEqualTo("shop");
        assertThat(info.flinkVersion()).startsWith("1.20.");
        ProgramDescriptor descriptor = JobJar.descriptor(jar);
        assertThat(descriptor.entityTypes()).containsExactly("shop.Item", "shop.User");
        assertThat(descriptor.traits().isTransactional("shop.User", "buyItem")).isTrue();
        assertThat(descriptor.traits().isReadOnly("shop.Item", "getPrice")).isTrue();
        assertThat(descriptor.schemas().get("shop.Item").field("stock").type()).isEqualTo("int");
        assertThat(descriptor.schemas().get("shop.Item").key()).isEqualTo("itemId");
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            assertThat(file.getEntry("shop/Item$$Factory.class")).isNotNull();
            assertThat(file.getEntry("io/entityflow/flink/deploy/ClusterJobMain.class")).isNotNull();
            assertThat(file.getEntry("org/apache/kafka/clients/consumer/KafkaConsumer.class")).isNotNull();
            assertThat(file.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"))
                    .as("Flink itself is the cluster's").isNull();
        }
        CliRun badName = CliRun.run("package", "../samples/shop", "--name", "no spaces/please");
        assertThat(badName.exitCode()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(badName.err()).contains("a job name is 1 to 100 letters");
    }
}
