package io.entityflow.cli.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * YCSB's core read/update mixes on single accounts: A = 50% reads, 50% updates; B = 95% / 5%. An update
 * writes a payload of YCSB's field length (100 characters) that names the record and the update, so a
 * final read tells which update won; a read must return the balance its record was created with.
 */
final class YcsbWorkload extends AccountWorkload {
    static final int PAYLOAD_LENGTH = 100;
    private static final String PADDING = ".".repeat(PAYLOAD_LENGTH);
    private final KeyChooser keys;
    private final double readProportion;
    private final LastWrites writes;
    private final AtomicLong updates = new AtomicLong();
    private final LongAdder wrongReads = new LongAdder();

    YcsbWorkload(Accounts accounts, KeyChooser keys, int records, double readProportion) {
        super(accounts, records, 1, "ycsb");
        this.keys = keys;
        this.readProportion = readProportion;
        this.writes = new LastWrites(records);
    }

    @Override
    public CompletableFuture<?> issue(RandomGenerator random) {
        int record = keys.next(random);
        if (random.nextDouble() < readProportion) {
            return accounts.read(record).thenAccept(balance -> {
                if (!(balance instanceof Long value) || value != Accounts.balanceOf(record)) {
                    wrongReads.increment();
                }
            });
        }
        String payload = payload(record, updates.incrementAndGet());
        writes.sent(record, payload);
        return accounts.update(record, payload).whenComplete((ignored, failure) -> {
            if (failure == null) {
                writes.acknowledged(record, payload);
            } else {
                writes.failed(record);
            }
        });
    }

    static String payload(int record, long update) {
        String token = Accounts.keyOf(record) + "#" + update;
        return token.length() >= PAYLOAD_LENGTH ? token : token + PADDING.substring(token.length());
    }

    @Override
    Verdict verify(Accounts state) throws InterruptedException {
        LongAdder wrong = new LongAdder();
        LongAdder unknown = new LongAdder();
        long unanswered = BoundedRequests.run(records, 256, 120, record -> state.payload(record).thenAccept(payload -> {
            switch (writes.check(record, payload)) {
                case WRONG -> wrong.increment();
                case UNKNOWN -> unknown.increment();
                default -> { }
            }
        }));
        long badReads = wrongReads.sum();
        boolean consistent = wrong.sum() == 0 && badReads == 0 && unanswered == 0;
        return new Verdict(consistent, String.format("%,d records read back: %,d with a payload no acknowledged update "
                        + "explains, %,d not checkable (an update failed), %,d final reads failed; %,d reads returned "
                        + "another record's balance", records, wrong.sum(), unknown.sum(), unanswered, badReads));
    }

    @Override
    public Map<String, Object> figures() {
        return Map.of("read_proportion", readProportion);
    }
}
