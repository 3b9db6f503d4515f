package io.entityflow.flink.txn;

import io.entityflow.api.TransactionAbortedException;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.runtime.RemoteFailure;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions with real contention and no Flink: 150 transfers and read-only audits in flight
 * together, envelopes delivered in random orders. Audits always see the same total, money is conserved,
 * every committed transfer is applied once and every refused one not at all, and nothing deadlocks.
 */
class TransactionsTest {
    static final String ACCOUNT = """
            package bank;
            import io.entityflow.api.*;
            @Entity public class Account {
                @Key private String id; private long balance;
                public Account(String id, long balance) { this.id = id; this.balance = balance; }
                @ReadOnly public long read() { return balance; }
                public void deposit(long amount) { balance += amount; }
                public void withdraw(long amount) {
                    if (balance < amount) { throw new EntityException("insufficient funds in " + id); }
                    balance -= amount;
                }
                @Transactional public void transfer(Account to, long amount) { withdraw(amount); to.deposit(amount); }
                @Transactional public void transferThenFail(Account to, long amount) {
                    withdraw(amount);
                    to.deposit(amount);
                    throw new IllegalStateException("changed my mind");
                }
            }
            """;
    static final String AUDITOR = """
            package bank;
            import io.entityflow.api.*;
            import java.util.List;
            @Entity public class Auditor {
                @Key private String id;
                public Auditor(String id) { this.id = id; }
                @Transactional @ReadOnly public long audit(List<Account> accounts) {
                    long sum = 0;
                    for (Account account : accounts) { sum += account.read(); }
                    return sum;
                }
            }
            """;
    private static final CompiledProgram BANK = CompiledProgram.compile(List.of(
            new SourceFile("bank/Account.java", ACCOUNT), new SourceFile("bank/Auditor.java", AUDITOR)));
    private static final int ACCOUNTS = 5;
    private static final long START = 1_000;
    private static final int TRANSFERS = 150;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void concurrentTransfersAndAuditsAreSerializable(long seed) throws Throwable {
        ShuffledWorld world = new ShuffledWorld(BANK, seed, 1_000, 16);
        List<EntityRef> accounts = createAccounts(world);
        EntityRef auditor = world.create("bank.Auditor", "auditor");
        Random random = new Random(seed);
        List<long[]> transfers = new ArrayList<>(); // from, to, amount
        for (int i = 0; i < TRANSFERS; i++) {
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + random.nextInt(400);
            transfers.add(new long[]{from, to, amount});
            world.send(Envelope.call("transfer-" + i, accounts.get(from), "transfer",
                    new Object[]{accounts.get(to), amount}, List.of()));
            if (i % 5 == 0) {
                world.send(Envelope.call("audit-" + i, auditor, "audit", new Object[]{accounts}, List.of()));
            }
        }
        world.runToQuiescence();

        Map<String, Object> responses = world.responses();
        long[] expected = new long[ACCOUNTS];
        java.util.Arrays.fill(expected, START);
        int committed = 0;
        for (int i = 0; i < transfers.size(); i++) {
            assertThat(responses).as("transfer %d answered", i).containsKey("transfer-" + i);
            Object outcome = responses.get("transfer-" + i);
            if (outcome instanceof RemoteFailure refused) {
                assertThat(refused.message()).as("only refusals of the entity code").startsWith("insufficient funds");
                continue;
            }
            committed++;
            long[] transfer = transfers.get(i);
            expected[(int) transfer[0]] -= transfer[2];
            expected[(int) transfer[1]] += transfer[2];
        }
        for (int i = 0; i < TRANSFERS; i += 5) {
            assertThat(responses.get("audit-" + i)).as("audit %d sees a consistent total", i).isEqualTo(ACCOUNTS * START);
        }
        for (int a = 0; a < ACCOUNTS; a++) {
            assertThat(world.fields(accounts.get(a)).get("balance")).as("balance of account %d", a).isEqualTo(expected[a]);
        }
        System.out.printf("seed %d: %d committed, %d aborts%n", seed, committed, world.aborts());
        assertThat(committed).as("contention still lets most transfers through").isGreaterThan(TRANSFERS / 4);
        assertThat(world.aborts()).as("the random interleavings did produce conflicts").isPositive();
        assertThat(world.anythingLocked()).as("every lock released, every transaction closed").isFalse();
    }

    @Test
    void anExceptionAfterRemoteCallsUndoesEveryWrite() throws Throwable {
        ShuffledWorld world = new ShuffledWorld(BANK, 9, 100, 16);
        List<EntityRef> accounts = createAccounts(world);
        Object outcome = world.call("fail", accounts.get(0), "transferThenFail", accounts.get(1), 300L);
        assertThat(outcome).isEqualTo(new RemoteFailure(IllegalStateException.class.getName(), "changed my mind"));
        assertThat(world.fields(accounts.get(0)).get("balance")).isEqualTo(START);
        assertThat(world.fields(accounts.get(1)).get("balance")).isEqualTo(START);
        assertThat(world.anythingLocked()).isFalse();
    }

    @Test
    void aTransactionThatKeepsLosingGivesUpWithTheReasonAndLeavesNoTrace() throws Throwable {
        ShuffledWorld world = new ShuffledWorld(BANK, 3, 1, 16); // no retries: every lost conflict aborts
        List<EntityRef> accounts = createAccounts(world);
        for (int i = 0; i < 200; i++) {
            world.send(Envelope.call("t-" + i, accounts.get(i % 2), "transfer", new Object[]{accounts.get((i + 1) % 2), 1L}, List.of()));
        }
        world.runToQuiescence();
        long aborted = world.responses().values().stream().filter(v -> v instanceof RemoteFailure f
                && f.exceptionType().equals(TransactionAbortedException.class.getName())
                && f.message().contains("conflict at")).count();
        assertThat(aborted).isPositive();
        long net = 0;
        for (int i = 0; i < 200; i++) {
            if (!(world.responses().get("t-" + i) instanceof RemoteFailure)) {
                net += i % 2 == 0 ? -1 : 1;
            }
        }
        assertThat(world.fields(accounts.get(0)).get("balance")).isEqualTo(START + net);
        assertThat(world.fields(accounts.get(1)).get("balance")).isEqualTo(START - net);
        assertThat(world.anythingLocked()).isFalse();
    }

    private static List<EntityRef> createAccounts(ShuffledWorld world) throws Throwable {
        List<EntityRef> accounts = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            accounts.add(world.create("bank.Account", "acc-" + a, START));
        }
        return accounts;
    }
}
