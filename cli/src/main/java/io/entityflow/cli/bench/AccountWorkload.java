package io.entityflow.cli.bench;

/**
 * A workload on the accounts of {@code samples/ycsb}: it creates {@code records} accounts before the run and
 * reads them back in-process afterwards, whatever path (in-process or HTTP) the load takes.
 */
abstract class AccountWorkload implements Workload {
    protected final Accounts accounts;
    protected final int records;
    private Accounts state;
    private int loadInFlight = 1024;

    /** @param minimumRecords the distinct accounts one operation needs; {@code label} names the workload in the refusal */
    AccountWorkload(Accounts accounts, int records, int minimumRecords, String label) {
        if (records < minimumRecords) {
            throw new IllegalArgumentException("the " + label + " workload needs at least " + minimumRecords
                    + " records, got " + records);
        }
        this.accounts = accounts;
        this.records = records;
        this.state = accounts;
    }

    /** Where the final state is read ({@code state}) and how many creates may be in flight while loading. */
    AccountWorkload readBackThrough(Accounts state, int loadInFlight) {
        this.state = state;
        this.loadInFlight = loadInFlight;
        return this;
    }

    @Override
    public String populationSummary() {
        return String.format("%,d accounts", records);
    }

    @Override
    public long populate() throws InterruptedException {
        return BoundedRequests.run(records, loadInFlight, 300, accounts::create);
    }

    @Override
    public Verdict verify() throws InterruptedException {
        return verify(state);
    }

    /** Reads the final state of the accounts through {@code state} and checks it against the acknowledged operations. */
    abstract Verdict verify(Accounts state) throws InterruptedException;
}
