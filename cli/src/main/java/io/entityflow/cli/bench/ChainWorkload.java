package io.entityflow.cli.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * Two-hop call chains: {@code Account.chain(next, last)} on one account counts a visit there, calls
 * {@code next.touch(last)}, which counts one at {@code next} and calls {@code last.increment()}: two remote
 * calls and their two returns per request, each through the feedback loop. The three accounts are distinct
 * and drawn from the key distribution. Afterwards every account's counter must equal the acknowledged
 * chains that passed through it.
 */
final class ChainWorkload extends AccountWorkload {
    private final KeyChooser keys;
    private final VisitCounts visits;

    ChainWorkload(Accounts accounts, KeyChooser keys, int records) {
        super(accounts, records, 3, "chain");
        this.keys = keys;
        this.visits = new VisitCounts(records);
    }

    @Override
    public CompletableFuture<?> issue(RandomGenerator random) {
        int first = keys.next(random);
        int second = distinct(random, first, first);
        int third = distinct(random, first, second);
        return accounts.chain(first, second, third).whenComplete((count, failure) -> {
            if (failure == null) {
                visits.acknowledged(first, second, third);
            } else {
                visits.failed(first, second, third);
            }
        });
    }

    private int distinct(RandomGenerator random, int a, int b) {
        int key;
        do {
            key = keys.next(random);
        } while (key == a || key == b);
        return key;
    }

    @Override
    Verdict verify(Accounts state) throws InterruptedException {
        return verifyCounters(state, records, visits);
    }

    /** Reads every account's counter and compares it with the visits counted by the load generator. */
    static Verdict verifyCounters(Accounts state, int records, VisitCounts visits) throws InterruptedException {
        LongAdder wrong = new LongAdder();
        long unanswered = BoundedRequests.run(records, 256, 120, record -> state.counter(record).thenAccept(counter -> {
            if (!visits.matches(record, counter)) {
                wrong.increment();
            }
        }));
        return new Verdict(wrong.sum() == 0 && unanswered == 0, String.format("%,d counters read back (%,d acknowledged "
                + "visits): %,d differ from the acknowledged visits, %,d final reads failed", records, visits.total(),
                wrong.sum(), unanswered));
    }
}
