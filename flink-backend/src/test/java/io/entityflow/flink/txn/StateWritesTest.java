package io.entityflow.flink.txn;

import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each write to an entity's key state is a changelog entry (serialised, uploaded, replayed on restore), so
 * calls that change nothing must write nothing: a plain call to an entity no transaction holds writes no
 * lock, and a {@code @ReadOnly} call that runs to its end writes no entity back (EF109 refuses a read-only method
 * that writes, however it reaches the state it writes). A read-only method that suspends at a remote call still
 * saves its frame, and a transaction still writes and clears its locks.
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
    private static final CompiledProgram BANK = CompiledProgram.compile(List.of(
            new SourceFile("bank/Account.java", TransactionsTest.ACCOUNT), new SourceFile("bank/Reader.java", READER)));

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
    void readOnlyCallsWriteNoEntityBackAndWritingCallsDo() throws Throwable {
        ShuffledWorld world = new ShuffledWorld(BANK, 1, 10, 1);
        EntityRef account = world.create("bank.Account", "a", 100L);
        int afterCreate = world.state(account).entityWrites();

        assertThat(world.call("read", account, "read")).isEqualTo(100L);
        assertThat(world.state(account).entityWrites()).as("a read").isEqualTo(afterCreate);

        world.call("deposit", account, "deposit", 5L);
        assertThat(world.state(account).entityWrites()).as("a deposit").isEqualTo(afterCreate + 1);
        assertThat(world.call("read again", account, "read")).isEqualTo(105L);
    }

    @Test
    void aReadOnlyMethodThatWritesThroughAFieldsArrayIsRefused() {
        String tally = """
                package bank;
                import io.entityflow.api.*;
                @Entity public class Tally {
                    @Key private String id; private long[] peeks = new long[1];
                    public Tally(String id) { this.id = id; }
                    @ReadOnly public long peek() { long[] p = peeks; p[0]++; return p[0]; }
                }
                """;
        // skipping the write-back is only sound because such a method never reaches the runtime
        assertThatThrownBy(() -> CompiledProgram.compile(List.of(new SourceFile("bank/Tally.java", tally))))
                .hasMessageContaining("EF109");
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

    /**
     * An exception thrown by entity code fails that call, and what the method changed before it threw stays, as with
     * plain Java objects — written back, so snapshots hold it. Also when the exception's own getMessage() throws
     * (user code too): that escaped the invocation once and left the entity changed but not written.
     */
    @Test
    void aCallThatThrowsKeepsWhatItChangedAndIsWrittenBackEvenIfItsExceptionCannotSayWhy() throws Throwable {
        String counter = """
                package bank;
                import io.entityflow.api.*;
                @Entity public class Counter {
                    @Key private String id; private long count;
                    public Counter(String id) { this.id = id; }
                    public void bump() { count++; throw new Unsayable(); }
                    @ReadOnly public long count() { return count; }
                    public static class Unsayable extends RuntimeException {
                        @Override public String getMessage() { throw new IllegalStateException("no words"); }
                    }
                }
                """;
        ShuffledWorld world = new ShuffledWorld(CompiledProgram.compile(List.of(new SourceFile("bank/Counter.java", counter))),
                1, 10, 1);
        EntityRef c = world.create("bank.Counter", "c");
        int afterCreate = world.state(c).entityWrites();

        Object outcome = world.call("bump", c, "bump");
        assertThat(outcome).isInstanceOfSatisfying(io.entityflow.ir.runtime.RemoteFailure.class, failure -> {
            assertThat(failure.exceptionType()).isEqualTo("bank.Counter$Unsayable");
            assertThat(failure.message()).contains("getMessage() threw java.lang.IllegalStateException");
        });
        assertThat(world.state(c).entityWrites()).isEqualTo(afterCreate + 1);
        assertThat(world.call("count", c, "count")).isEqualTo(1L);
    }
}
