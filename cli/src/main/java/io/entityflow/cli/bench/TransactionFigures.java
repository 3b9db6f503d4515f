package io.entityflow.cli.bench;

import io.entityflow.flink.txn.TransactionStats;

import java.util.LinkedHashMap;
import java.util.Map;

/** The engine's transaction counters over the measured window: transactions begun, conflict aborts, given up. */
final class TransactionFigures {
    private TransactionStats.Counts atStart = TransactionStats.now();

    void measurementStarts() {
        atStart = TransactionStats.now();
    }

    Map<String, Object> sinceStart() {
        TransactionStats.Counts run = TransactionStats.now().minus(atStart);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("transactions", run.begun());
        figures.put("conflict_aborts", run.conflictAborts());
        figures.put("aborts_per_transaction", run.begun() == 0 ? 0.0 : (double) run.conflictAborts() / run.begun());
        figures.put("given_up", run.givenUp());
        return figures;
    }
}
