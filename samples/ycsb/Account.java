package ycsb;

import io.entityflow.api.Entity;
import io.entityflow.api.EntityException;
import io.entityflow.api.Key;
import io.entityflow.api.ReadOnly;
import io.entityflow.api.Transactional;

/**
 * The record of the YCSB-style workloads: {@link #read} and {@link #update} for the read/update mixes,
 * {@link #transfer} for the transactional one (a local write, then a remote one, atomically), and
 * {@link #touch} / {@link #chain} for the call-chain latency workload (one and two remote hops).
 */
@Entity
public class Account {

    @Key
    private String id;
    private long balance;
    private String payload;
    private long counter;

    public Account(String id, long balance) {
        if (balance < 0) {
            throw new EntityException("balance must not be negative");
        }
        this.id = id;
        this.balance = balance;
        this.payload = "";
    }

    @ReadOnly
    public long read() {
        return balance;
    }

    public void update(String payload) {
        this.payload = payload;
    }

    @ReadOnly
    public String getPayload() {
        return payload;
    }

    public void deposit(long amount) {
        if (amount < 0) {
            throw new EntityException("amount must not be negative");
        }
        balance += amount;
    }

    public void withdraw(long amount) {
        if (amount < 0) {
            throw new EntityException("amount must not be negative");
        }
        if (balance < amount) {
            throw new EntityException("account " + id + " has not enough balance");
        }
        balance -= amount;
    }

    /** Moves {@code amount} to {@code to}; if either side refuses, neither balance changes. */
    @Transactional
    public void transfer(Account to, long amount) {
        withdraw(amount);
        to.deposit(amount);
    }

    /** Counts one visit and returns the new count. The last hop of {@link #touch} and {@link #chain}. */
    public long increment() {
        counter++;
        return counter;
    }

    /** One remote hop: counts a visit here, then at {@code next}; returns {@code next}'s count. */
    public long touch(Account next) {
        counter++;
        return next.increment();
    }

    /** Two remote hops: this account, then {@code next}, then {@code last}; returns {@code last}'s count. */
    public long chain(Account next, Account last) {
        counter++;
        return next.touch(last);
    }

    @ReadOnly
    public long getCounter() {
        return counter;
    }
}
