package io.entityflow.flink.txn;

import io.entityflow.flink.embedded.EmbeddedEngine;
import io.entityflow.flink.embedded.EngineOptions;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serializability on the real job (parallelism 2): concurrent transfers among a handful of accounts and
 * concurrent read-only audits summing every balance. Every audit sees the same total, and the final
 * balances are those of the committed transfers applied once each, the refused ones not at all.
 */
class TransfersAndAuditsIT {
    private static final int ACCOUNTS = 6;
    private static final long START = 500;
    private static final int TRANSFERS = 2_000;

    @TempDir
    Path state;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void auditsSeeOneTotalAndBalancesReplayTheCommittedTransfers() throws Exception {
        CompiledProgram bank = CompiledProgram.compile(List.of(new SourceFile("bank/Account.java", TransactionsTest.ACCOUNT),
                new SourceFile("bank/Auditor.java", TransactionsTest.AUDITOR)));
        try (EmbeddedEngine engine = EmbeddedEngine.start(bank, EngineOptions.defaults(state)
                .withCheckpointInterval(Duration.ofMillis(50)))) {
            List<EntityRef> accounts = new ArrayList<>();
            for (int a = 0; a < ACCOUNTS; a++) {
                EntityRef account = new EntityRef("bank.Account", "acc-" + a);
                engine.submit(Envelope.create(RequestIds.generate(), account, new Object[]{account.key(), START}, List.of()))
                        .get(30, TimeUnit.SECONDS);
                accounts.add(account);
            }
            EntityRef auditor = new EntityRef("bank.Auditor", "auditor");
            engine.submit(Envelope.create(RequestIds.generate(), auditor, new Object[]{"auditor"}, List.of())).get(30, TimeUnit.SECONDS);

            Random random = new Random(42);
            long[] expected = new long[ACCOUNTS];
            java.util.Arrays.fill(expected, START);
            List<int[]> transfers = new ArrayList<>();
            List<CompletableFuture<Envelope>> transferResults = new ArrayList<>();
            List<CompletableFuture<Envelope>> audits = new ArrayList<>();
            for (int i = 0; i < TRANSFERS; i++) {
                int from = random.nextInt(ACCOUNTS);
                int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                int amount = 1 + random.nextInt(60);
                transfers.add(new int[]{from, to, amount});
                transferResults.add(engine.submit(Envelope.call(RequestIds.generate(), accounts.get(from), "transfer",
                        new Object[]{accounts.get(to), (long) amount}, List.of())));
                if (i % 20 == 0) {
                    audits.add(engine.submit(Envelope.call(RequestIds.generate(), auditor, "audit", new Object[]{accounts}, List.of())));
                }
            }
            int refused = 0;
            for (int i = 0; i < TRANSFERS; i++) {
                Object outcome = transferResults.get(i).get(2, TimeUnit.MINUTES).value();
                if (outcome instanceof RemoteFailure failure) {
                    assertThat(failure.message()).startsWith("insufficient funds");
                    refused++;
                    continue;
                }
                int[] transfer = transfers.get(i);
                expected[transfer[0]] -= transfer[2];
                expected[transfer[1]] += transfer[2];
            }
            for (CompletableFuture<Envelope> audit : audits) {
                assertThat(audit.get(2, TimeUnit.MINUTES).value()).as("an audit's total").isEqualTo(ACCOUNTS * START);
            }
            for (int a = 0; a < ACCOUNTS; a++) {
                assertThat(engine.submit(Envelope.call(RequestIds.generate(), accounts.get(a), "read", new Object[0], List.of()))
                        .get(30, TimeUnit.SECONDS).value()).as("balance of account %d", a).isEqualTo(expected[a]);
            }
            assertThat(refused).as("some transfers were refused for lack of funds, some went through")
                    .isPositive().isLessThan(TRANSFERS);
            // every transaction answered has ended at its root, committed, refused or aborted and retried: the count
            // the request readers pause by holds none of them (a leak would slow the engine for good)
            assertThat(engine.transactionAdmissions()).allSatisfy(admission ->
                    assertThat(admission.active()).as("transactions still counted active").isZero());
            // (the seven roots' keys may all fall to one subtask)
            assertThat(engine.transactionAdmissions()).anySatisfy(admission ->
                    assertThat(admission.mostActive()).as("most active at once").isGreaterThan(1));
        }
    }
}
