package io.entityflow.cli.bench;

import io.entityflow.ir.runtime.EntityRef;

import java.util.concurrent.CompletableFuture;

/**
 * The sample's {@code ycsb.Account} as the workloads use it: record {@code i} is the account
 * {@code acct<i>} created with balance {@link #balanceOf(int) 1000 + i} (so a read can tell whose balance it got).
 */
final class Accounts {
    static final String TYPE = "ycsb.Account";
    /** The constructor the workloads create accounts with. */
    static final String CONSTRUCTOR = "Account(String,long)";
    private final Caller caller;

    Accounts(Caller caller) {
        this.caller = caller;
    }

    static String keyOf(int record) {
        return "acct" + record;
    }

    static long balanceOf(int record) {
        return 1000L + record;
    }

    private static EntityRef ref(int record) {
        return new EntityRef(TYPE, keyOf(record));
    }

    CompletableFuture<Object> create(int record) {
        return caller.create(TYPE, keyOf(record), balanceOf(record));
    }

    CompletableFuture<Object> read(int record) {
        return caller.call(ref(record), "read");
    }

    CompletableFuture<Object> update(int record, String payload) {
        return caller.call(ref(record), "update", payload);
    }

    CompletableFuture<Object> payload(int record) {
        return caller.call(ref(record), "getPayload");
    }

    CompletableFuture<Object> counter(int record) {
        return caller.call(ref(record), "getCounter");
    }

    /** One remote hop: {@code first} counts a visit, then {@code second}. */
    CompletableFuture<Object> touch(int first, int second) {
        return caller.call(ref(first), "touch", ref(second));
    }

    /** The transactional transfer: withdraw at {@code from}, deposit at {@code to}, atomically. */
    CompletableFuture<Object> transfer(int from, int to, long amount) {
        return caller.call(ref(from), "transfer", ref(to), amount);
    }

    /** Two remote hops: {@code first}, then {@code second}, then {@code third} count a visit each. */
    CompletableFuture<Object> chain(int first, int second, int third) {
        return caller.call(ref(first), "chain", ref(second), ref(third));
    }
}
