package io.entityflow.cli.bench;

import io.entityflow.ir.runtime.EntityRef;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sample's accounts as plain objects behind the {@link Caller} interface, answering at once: what the
 * workloads' bookkeeping and checks are tested against. Faults can be switched on to see the checks fail.
 */
final class InMemoryAccounts implements Caller {
    private final Map<String, Account> accounts = new HashMap<>();
    final Map<String, AtomicLong> calls = new HashMap<>();
    /** Drops every n-th update silently (0: never). */
    int loseEveryNthUpdate;
    /** Counts no visit at the second account of every n-th chain (0: never). */
    int loseEveryNthHop;
    private long updates;
    private long chains;

    private static final class Account {
        final long balance;
        String payload = "";
        long counter;

        Account(long balance) {
            this.balance = balance;
        }
    }

    @Override
    public synchronized CompletableFuture<Object> create(String type, Object... args) {
        accounts.put((String) args[0], new Account((Long) args[1]));
        return CompletableFuture.completedFuture(new EntityRef(type, args[0]));
    }

    @Override
    public synchronized CompletableFuture<Object> call(EntityRef target, String method, Object... args) {
        calls.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        Account account = accounts.get((String) target.key());
        if (account == null) {
            return CompletableFuture.failedFuture(new FailedOperation("no entity " + target, null));
        }
        Object result = switch (method) {
            case "read" -> account.balance;
            case "update" -> {
                if (loseEveryNthUpdate == 0 || ++updates % loseEveryNthUpdate != 0) {
                    account.payload = (String) args[0];
                }
                yield null;
            }
            case "getPayload" -> account.payload;
            case "getCounter" -> account.counter;
            case "touch" -> {
                account.counter++;
                yield ++accounts.get((String) ((EntityRef) args[0]).key()).counter;
            }
            case "chain" -> {
                account.counter++;
                Account next = accounts.get((String) ((EntityRef) args[0]).key());
                if (loseEveryNthHop == 0 || ++chains % loseEveryNthHop != 0) {
                    next.counter++;
                }
                yield ++accounts.get((String) ((EntityRef) args[1]).key()).counter;
            }
            default -> throw new IllegalArgumentException("no method " + method);
        };
        return CompletableFuture.completedFuture(result);
    }

    long calls(String method) {
        AtomicLong count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /** Creates records 0..n-1 as the bench does. */
    static Accounts loaded(InMemoryAccounts store, int records) {
        Accounts accounts = new Accounts(store);
        for (int i = 0; i < records; i++) {
            accounts.create(i).join();
        }
        return accounts;
    }
}
