package io.entityflow.flink.txn;

import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each write to an entity's key state is a changelog entry (serialised, uploaded, replayed on restore), so
 * a plain call to an entity no transaction holds writes no lock. The entity itself is written back after every
 * call, {@code @ReadOnly} ones too: the analysis does not see every write (an array element through a field), and
 * a change not written back would be missing from the changelog and from a copying backend.
 */
class StateWritesTest {
    private static final String READER = """
            package bank;
            import io.entityflow.api.*;
            import java.util.List;
            @Entity public class Reader {
                @Key private String id;
                public Reader(String id) { this.id = id; }
                @ReadOnly public long sum(List<Account> accounts) {
                    long sum = 0;
                    for (Account account : accounts) { sum += account.read(); }
                    return sum;
                }
            }
            """;
    private static final String TALLY = """
            package bank;
            import io.entityflow.api.*;
            @Entity public class Tally {
                @Key private String id; private long[] peeks = new long[1];
                public Tally(String id) { this.id = id; }
                @ReadOnly public long peek() { peeks[0]++; return peeks[0]; }
            }
            """;
    private static final CompiledProgram BANK = CompiledProgram.compile(List.of(
            new SourceFile("bank/Account.java", TransactionsTest.ACCOUNT), new SourceFile("bank/Reader.java", READER),
            new SourceFile("bank/Tally.java", TALLY)));

    @Test
    void plainCallsToAnEntityNoTransactionHoldsWriteNoLock() throws Throwable {
        ShuffledWorld world = new ShuffledWorld(BANK, 1, 10, 1);
        EntityRef account = world.create("bank.Account", "a", 100L);
        world.call("deposit", account, "deposit", 5L);
        world.call("read", account, "read");
        world.call("refused", account, "withdraw", 1_000L);

        assertThat(world.state(account).lockWrites()).isZero();
        assertThat(world.fields(account).get("balance")).isEqualTo(105L);
    }

    @Test
    void aReadOnlyMethodsChangeTheAnalysisDoesNotSeeIsStillWrittenBack() throws Throwable {
        ShuffledWorld world = new ShuffledWorld(BANK, 1, 10, 1);
        EntityRef tally = world.create("bank.Tally", "t");

        // the key state here copies on every read, as RocksDB does: only a write-back keeps the change
        assertThat(world.call("first", tally, "peek")).isEqualTo(1L);
        assertThat(world.call("second", tally, "peek")).isEqualTo(2L);
    }

    @Test
    void aReadOnlyMethodThatSuspendsStillSavesAndResumesItsFrame() throws Throwable {
        ShuffledWorld world = new ShuffledWorld(BANK, 1, 10, 1);
        EntityRef a = world.create("bank.Account", "a", 100L);
        EntityRef b = world.create("bank.Account", "b", 23L);
        EntityRef reader = world.create("bank.Reader", "r");
        int afterCreate = world.state(reader).entityWrites();

        // the state here copies on every read, as RocksDB does: a frame not written back would be lost
        assertThat(world.call("sum", reader, "sum", List.of(a, b))).isEqualTo(123L);
        assertThat(world.state(reader).entityWrites()).as("the call (suspends) and each of the two returns (resume)")
                .isEqualTo(afterCreate + 3);
    }

    @Test
    void aTransactionStillWritesItsLocksAndLeavesThemReleased() throws Throwable {
        ShuffledWorld world = new ShuffledWorld(BANK, 1, 10, 1);
        EntityRef a = world.create("bank.Account", "a", 100L);
        EntityRef b = world.create("bank.Account", "b", 0L);
        world.call("transfer", a, "transfer", b, 30L);

        assertThat(world.state(a).lockWrites()).isPositive();
        assertThat(world.state(b).lockWrites()).isPositive();
        assertThat(world.anythingLocked()).isFalse();
        assertThat(world.fields(b).get("balance")).isEqualTo(30L);
    }
}
