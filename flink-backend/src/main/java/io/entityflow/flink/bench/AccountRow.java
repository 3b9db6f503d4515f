package io.entityflow.flink.bench;

/**
 * The fields of the YCSB sample's {@code Account}, as a hand-written Flink job would keep them: a POJO
 * (public fields, no-argument constructor) so Flink serialises it with its own POJO serializer.
 */
public final class AccountRow {
    public String id;
    public long balance;
    public String payload;
    public long counter;

    public AccountRow() {
    }

    AccountRow(String id, long balance) {
        this.id = id;
        this.balance = balance;
        this.payload = "";
    }
}
