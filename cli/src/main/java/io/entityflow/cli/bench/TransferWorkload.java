package io.entityflow.cli.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * YCSB-T: {@code @Transactional Account.transfer(to, amount)} between two distinct accounts drawn from
 * the key distribution (a local withdraw, then a remote deposit, atomically). Afterwards every balance
 * must be its starting balance plus the acknowledged transfers in and out of it (a refused transfer
 * changes nothing), and the total must be conserved. Also reports the engine's conflict aborts.
 */
final class TransferWorkload extends AccountWorkload {
    private static final int MAX_AMOUNT = 10;
    private final KeyChooser keys;
    private final AtomicLongArray net;
    private final LongAdder refused = new LongAdder();
    private final TransactionFigures transactions = new TransactionFigures();

    TransferWorkload(Accounts accounts, KeyChooser keys, int records) {
        super(accounts, records, 2, "transfer");
        this.keys = keys;
        this.net = new AtomicLongArray(records);
    }

    @Override
    public CompletableFuture<?> issue(RandomGenerator random) {
        int from = keys.next(random);
        int to;
        do {
            to = keys.next(random);
        } while (to == from);
        int target = to;
        long amount = 1 + random.nextInt(MAX_AMOUNT);
        return accounts.transfer(from, target, amount).whenComplete((ignored, failure) -> {
            if (failure == null) {
                net.addAndGet(from, -amount);
                net.addAndGet(target, amount);
            } else {
                refused.increment();
            }
        });
    }

    @Override
    public void measurementStarts() {
        transactions.measurementStarts();
    }

    @Override
    Verdict verify(Accounts state) throws InterruptedException {
        LongAdder wrong = new LongAdder();
        LongAdder total = new LongAdder();
        long unanswered = BoundedRequests.run(records, 256, 120, record -> state.read(record).thenAccept(balance -> {
            long value = balance instanceof Long number ? number : Long.MIN_VALUE;
            total.add(value);
            if (value != Accounts.balanceOf(record) + net.get(record)) {
                wrong.increment();
            }
        }));
        long expectedTotal = 0;
        for (int record = 0; record < records; record++) {
            expectedTotal += Accounts.balanceOf(record);
        }
        boolean conserved = total.sum() == expectedTotal;
        return new Verdict(wrong.sum() == 0 && unanswered == 0 && conserved, String.format("%,d balances read back: %,d "
                + "differ from the acknowledged transfers, %,d final reads failed; total %s (%,d refused transfers)",
                records, wrong.sum(), unanswered, conserved ? "conserved" : "NOT conserved", refused.sum()));
    }

    @Override
    public Map<String, Object> figures() {
        return transactions.sinceStart();
    }
}
