package io.entityflow.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ChainWorkloadTest {
    private static final int RECORDS = 300;

    @Test
    void everyChainVisitsThreeDistinctAccountsAndTheCountersAddUp() throws Exception {
        InMemoryAccounts store = new InMemoryAccounts();
        AccountWorkload workload = WorkloadKind.CHAIN.onAccounts(InMemoryAccounts.loaded(store, RECORDS), KeyChooser.of("zipfian", RECORDS, 1), RECORDS);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            workload.issue(random).join();
        }
        assertThat(store.calls("chain")).isEqualTo(10_000);
        Workload.Verdict verdict = workload.verify(new Accounts(store));
        assertThat(verdict.consistent()).as(verdict.detail()).isTrue();
        assertThat(verdict.detail()).contains("30,000 acknowledged visits");
    }

    @Test
    void aLostHopIsFound() throws Exception {
        InMemoryAccounts store = new InMemoryAccounts();
        AccountWorkload workload = WorkloadKind.CHAIN.onAccounts(InMemoryAccounts.loaded(store, RECORDS), KeyChooser.of("uniform", RECORDS, 1), RECORDS);
        store.loseEveryNthHop = 1_000;
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 5_000; i++) {
            workload.issue(random).join();
        }
        assertThat(workload.verify(new Accounts(store)).consistent()).isFalse();
    }

    @Test
    void hopLatencyTakesZeroOneAndTwoHopsInTurn() throws Exception {
        InMemoryAccounts store = new InMemoryAccounts();
        AccountWorkload workload = WorkloadKind.HOP_LATENCY.onAccounts(InMemoryAccounts.loaded(store, RECORDS), KeyChooser.of("uniform", RECORDS, 1), RECORDS);
        SplittableRandom random = new SplittableRandom(3);
        workload.measurementStarts();
        for (int i = 0; i < 300; i++) {
            workload.issue(random).join();
        }
        assertThat(store.calls("read")).isEqualTo(100);
        assertThat(store.calls("touch")).isEqualTo(100);
        assertThat(store.calls("chain")).isEqualTo(100);
        assertThat(workload.figures()).containsKeys("read_p50_ms", "touch_p50_ms", "chain_p50_ms", "hop_p50_ms")
                .containsEntry("chain_count", 100L);
        assertThat(workload.verify(new Accounts(store)).consistent()).isTrue();
    }
}
