package io.entityflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code entityflow bench} refuses before it starts any engine. */
class BenchCommandTest {
    private static final Path SAMPLES = Path.of("..", "samples");

    @Test
    void aProgramWithoutTheYcsbAccountIsRefusedWithWhatItNeeds() {
        CliRun run = CliRun.run("bench", SAMPLES.resolve("shop").toString(), "--workload", "ycsb-a");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no entity ycsb.Account").contains("shop.User").contains("samples/ycsb")
                .contains("update(String)");
    }

    @Test
    void checkoutNeedsTheShopOfTheCheckoutSample() {
        CliRun run = CliRun.run("bench", SAMPLES.resolve("ycsb").toString(), "--workload", "checkout");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(run.err()).contains("no entity checkout.Item").contains("no entity checkout.Order")
                .contains("samples/checkout").contains("checkout.Order with Order(String,User), addItem(Item,int), checkout()");
    }

    @Test
    void anAccountWithoutTheChainMethodsIsRefusedForChain(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ycsb"));
        Files.writeString(dir.resolve("ycsb/Account.java"), """
                package ycsb;
                import io.entityflow.api.*;
                @Entity
                public class Account {
                    @Key private String id;
                    private long balance;
                    private String payload = "";
                    public Account(String id, long balance) { this.id = id; this.balance = balance; }
                    public long read() { return balance; }
                    public void update(String payload) { this.payload = payload; }
                    public String getPayload() { return payload; }
                }
                """);
        CliRun run = CliRun.run("bench", dir.toString(), "--workload", "chain");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(run.err()).contains("ycsb.Account lacks chain(Account,Account), touch(Account), increment(), getCounter()");
    }

    @Test
    void unknownWorkloadsAndBaselinesWithoutAJobAreRefused() {
        CliRun unknown = CliRun.run("bench", SAMPLES.resolve("ycsb").toString(), "--workload", "ycsb-z");
        assertThat(unknown.exitCode()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(unknown.err()).contains("unknown workload ycsb-z (ycsb-a, ycsb-b, chain, ycsb-t, hop-latency, checkout)");
        CliRun chainBaseline = CliRun.run("bench", SAMPLES.resolve("ycsb").toString(), "--workload", "chain", "--baseline");
        assertThat(chainBaseline.exitCode()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(chainBaseline.err()).contains("--baseline compares single-entity workloads");
        CliRun distribution = CliRun.run("bench", SAMPLES.resolve("ycsb").toString(), "--workload", "ycsb-a", "--distribution", "hot");
        assertThat(distribution.err()).contains("--distribution must be uniform or zipfian, not hot");
        CliRun bufferTimeout = CliRun.run("bench", SAMPLES.resolve("ycsb").toString(), "--workload", "ycsb-a", "--buffer-timeout", "-1");
        assertThat(bufferTimeout.exitCode()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(bufferTimeout.err()).contains("--buffer-timeout must not be negative");
    }

    @Test
    void aStateDirectoryWithCheckpointsIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("checkpoints/some-job"));
        CliRun run = CliRun.run("bench", SAMPLES.resolve("ycsb").toString(), "--workload", "ycsb-a", "--state-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(run.err()).contains("already holds checkpoints or savepoints");
    }
}
