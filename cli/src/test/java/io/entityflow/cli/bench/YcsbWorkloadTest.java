package io.entityflow.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class YcsbWorkloadTest {
    private static final int RECORDS = 500;

    @ParameterizedTest(name = "{0}: {1} of the operations are reads")
    @CsvSource({"ycsb-a, 0.50", "ycsb-b, 0.95"})
    void theMixHasTheWorkloadsReadProportion(String name, double reads) throws Exception {
        InMemoryAccounts store = new InMemoryAccounts();
        AccountWorkload workload = WorkloadKind.of(name).onAccounts(InMemoryAccounts.loaded(store, RECORDS),
                KeyChooser.of("zipfian", RECORDS, 1), RECORDS);
        SplittableRandom random = new SplittableRandom(5);
        int operations = 100_000;
        for (int i = 0; i < operations; i++) {
            workload.issue(random).join();
        }
        assertThat(store.calls("read") + store.calls("update")).isEqualTo(operations);
        // σ of the read share is at most 0.16% here: 1% is a generous bound
        assertThat(store.calls("read") / (double) operations).isCloseTo(reads, within(0.01));
        assertThat(workload.verify(new Accounts(store)).consistent()).isTrue();
    }

    @Test
    void anUpdateThatDidNotStickIsFound() throws Exception {
        InMemoryAccounts store = new InMemoryAccounts();
        AccountWorkload workload = WorkloadKind.YCSB_A.onAccounts(InMemoryAccounts.loaded(store, RECORDS), KeyChooser.of("uniform", RECORDS, 1), RECORDS);
        store.loseEveryNthUpdate = 97;
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            workload.issue(random).join();
        }
        Workload.Verdict verdict = workload.verify(new Accounts(store));
        assertThat(verdict.consistent()).isFalse();
        assertThat(verdict.detail()).doesNotContain(" 0 with a payload no acknowledged update explains");
    }

    @Test
    void payloadsHaveYcsbsFieldLengthAndNameTheirUpdate() {
        assertThat(YcsbWorkload.payload(12, 345)).hasSize(YcsbWorkload.PAYLOAD_LENGTH).startsWith("acct12#345.");
        assertThat(YcsbWorkload.payload(12, 345)).isNotEqualTo(YcsbWorkload.payload(12, 346));
    }

    @Test
    void overlappingUpdatesMayWinButOverwrittenOnesMayNot() {
        LastWrites writes = new LastWrites(3);
        // record 0: a then b sent, both in flight together; either may be applied last
        writes.sent(0, "a");
        writes.sent(0, "b");
        writes.acknowledged(0, "b");
        writes.acknowledged(0, "a");
        assertThat(writes.check(0, "a")).isEqualTo(LastWrites.Outcome.AS_EXPECTED);
        assertThat(writes.check(0, "b")).isEqualTo(LastWrites.Outcome.AS_EXPECTED);
        // record 1: a acknowledged before b was sent, so b came after it
        writes.sent(1, "a");
        writes.acknowledged(1, "a");
        writes.sent(1, "b");
        writes.acknowledged(1, "b");
        assertThat(writes.check(1, "a")).isEqualTo(LastWrites.Outcome.WRONG);
        assertThat(writes.check(1, "b")).isEqualTo(LastWrites.Outcome.AS_EXPECTED);
        // record 2 was never updated; a failed update makes a record uncheckable
        assertThat(writes.check(2, "")).isEqualTo(LastWrites.Outcome.AS_EXPECTED);
        assertThat(writes.check(2, "x")).isEqualTo(LastWrites.Outcome.WRONG);
        writes.sent(2, "c");
        writes.failed(2);
        assertThat(writes.check(2, "")).isEqualTo(LastWrites.Outcome.UNKNOWN);
    }
}
