package io.entityflow.cli.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The workloads {@code entityflow bench} knows, with the entity types and signatures each one needs of the
 * program: constructors and public methods as {@code name(SimpleType,...)}, as declared in
 * {@code samples/ycsb} (the account workloads) or {@code samples/checkout} (the checkout workload).
 */
enum WorkloadKind {
    YCSB_A("ycsb-a", true, accounts("read()", "update(String)", "getPayload()")),
    YCSB_B("ycsb-b", true, accounts("read()", "update(String)", "getPayload()")),
    CHAIN("chain", false, accounts("chain(Account,Account)", "touch(Account)", "increment()", "getCounter()")),
    YCSB_T("ycsb-t", false, accounts("transfer(Account,long)", "read()")),
    HOP_LATENCY("hop-latency", false, accounts("read()", "chain(Account,Account)", "touch(Account)", "increment()",
            "getCounter()")),
    CHECKOUT("checkout", false, shop());

    private final String label;
    private final boolean hasBaseline;
    private final Map<String, List<String>> needs;

    WorkloadKind(String label, boolean hasBaseline, Map<String, List<String>> needs) {
        this.label = label;
        this.hasBaseline = hasBaseline;
        this.needs = needs;
    }

    private static Map<String, List<String>> accounts(String... methods) {
        List<String> signatures = new java.util.ArrayList<>(List.of(Accounts.CONSTRUCTOR));
        signatures.addAll(List.of(methods));
        return Map.of(Accounts.TYPE, List.copyOf(signatures));
    }

    private static Map<String, List<String>> shop() {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        needs.put(Shop.ITEM, List.of("Item(String,int)", "addStock(int)", "getStock()"));
        needs.put(Shop.USER, List.of("User(String)", "addFunds(int)", "getCredit()"));
        needs.put(Shop.ORDER, List.of("Order(String,User)", "addItem(Item,int)", "checkout()", "isPaid()"));
        return needs;
    }

    static WorkloadKind of(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + label + " (" + labels() + ")"));
    }

    static String labels() {
        return Arrays.stream(values()).map(WorkloadKind::label).collect(Collectors.joining(", "));
    }

    String label() {
        return label;
    }

    /** Whether the hand-written Flink job can run it (single-entity operations only). */
    boolean hasBaseline() {
        return hasBaseline;
    }

    /** Entity type → the constructor and methods the workload calls on it, as {@code name(SimpleType,...)}. */
    Map<String, List<String>> needs() {
        return needs;
    }

    /** Which sample the workload is written for. */
    String sample() {
        return this == CHECKOUT ? "samples/checkout" : "samples/ycsb";
    }

    /** Records when {@code --records} is not given: accounts, or orders for the checkout workload. */
    int defaultRecords() {
        return this == CHECKOUT ? 200_000 : 10_000;
    }

    Workload create(BenchTarget target, KeyChooser keys, BenchSettings settings) {
        if (this == CHECKOUT) {
            return new CheckoutWorkload(target, keys, settings);
        }
        // loading is not measured: as many creates in flight as the path takes well, whatever --outstanding says
        return onAccounts(new Accounts(target.load()), keys, settings.records())
                .readBackThrough(new Accounts(target.state()), settings.http() ? 128 : 1024);
    }

    /** The account workload of this kind, loading and calling through {@code accounts}. */
    AccountWorkload onAccounts(Accounts accounts, KeyChooser keys, int records) {
        return switch (this) {
            case YCSB_A -> new YcsbWorkload(accounts, keys, records, 0.5);
            case YCSB_B -> new YcsbWorkload(accounts, keys, records, 0.95);
            case CHAIN -> new ChainWorkload(accounts, keys, records);
            case YCSB_T -> new TransferWorkload(accounts, keys, records);
            case HOP_LATENCY -> new HopLatencyWorkload(accounts, keys, records);
            case CHECKOUT -> throw new IllegalStateException("checkout runs on the shop of samples/checkout, not on accounts");
        };
    }
}
