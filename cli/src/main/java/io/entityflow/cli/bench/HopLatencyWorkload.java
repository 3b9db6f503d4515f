package io.entityflow.cli.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * What one remote hop costs: the same request path with zero, one and two remote calls, taken in turn
 * ({@code read}, {@code touch}, {@code chain}) so all three see the same conditions, meant for one request
 * in flight. A remote hop is a call and its return, i.e. two passes through the feedback loop; the
 * per-hop figure is the slope of the median over hop count, {@code (chain - read) / 2}, which removes
 * the request's way in and out (source, response sink, the commit wait when responses are committed).
 */
final class HopLatencyWorkload extends AccountWorkload {
    private final KeyChooser keys;
    private final VisitCounts visits;
    private final Histogram[] byHops = {histogram(), histogram(), histogram()};
    private final LongAdder wrongReads = new LongAdder();
    private int turn;

    HopLatencyWorkload(Accounts accounts, KeyChooser keys, int records) {
        super(accounts, records, 3, "hop-latency");
        this.keys = keys;
        this.visits = new VisitCounts(records);
    }

    private static Histogram histogram() {
        return new Histogram(3);
    }

    @Override
    public CompletableFuture<?> issue(RandomGenerator random) {
        int hops = turn;
        turn = (turn + 1) % 3;
        int first = keys.next(random);
        int second = distinct(random, first, first);
        int third = distinct(random, first, second);
        long start = System.nanoTime();
        CompletableFuture<?> operation = switch (hops) {
            case 0 -> accounts.read(first).thenAccept(balance -> {
                if (!(balance instanceof Long value) || value != Accounts.balanceOf(first)) {
                    wrongReads.increment();
                }
            });
            case 1 -> counted(accounts.touch(first, second), first, second);
            default -> counted(accounts.chain(first, second, third), first, second, third);
        };
        return operation.whenComplete((ignored, failure) -> {
            if (failure == null) {
                record(hops, (System.nanoTime() - start) / 1_000);
            }
        });
    }

    private CompletableFuture<?> counted(CompletableFuture<Object> operation, int... reached) {
        return operation.whenComplete((count, failure) -> {
            if (failure == null) {
                visits.acknowledged(reached);
            } else {
                visits.failed(reached);
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

    private synchronized void record(int hops, long micros) {
        byHops[hops].recordValue(Math.max(1, micros));
    }

    @Override
    public synchronized void measurementStarts() {
        for (Histogram histogram : byHops) {
            histogram.reset();
        }
    }

    @Override
    Verdict verify(Accounts state) throws InterruptedException {
        Verdict counters = ChainWorkload.verifyCounters(state, records, visits);
        long badReads = wrongReads.sum();
        return new Verdict(counters.consistent() && badReads == 0,
                counters.detail() + String.format("; %,d reads returned another record's balance", badReads));
    }

    @Override
    public synchronized Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        double[] medians = new double[3];
        String[] names = {"read", "touch", "chain"};
        for (int hops = 0; hops < 3; hops++) {
            medians[hops] = byHops[hops].getValueAtPercentile(50) / 1000.0;
            figures.put(names[hops] + "_p50_ms", JsonLine.millis(medians[hops]));
            figures.put(names[hops] + "_count", byHops[hops].getTotalCount());
        }
        figures.put("hop_p50_ms", JsonLine.millis((medians[2] - medians[0]) / 2));
        return figures;
    }
}
