package io.entityflow.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The workloads {@code entityflow bench} knows, with the methods of {@code ycsb.Account} each one calls
 * (name and parameter types, as declared in {@code samples/ycsb}).
 */
enum WorkloadKind {
    YCSB_A("ycsb-a", true, List.of("read()", "update(String)", "getPayload()")),
    YCSB_B("ycsb-b", true, List.of("read()", "update(String)", "getPayload()")),
    CHAIN("chain", false, List.of("chain(Account,Account)", "touch(Account)", "increment()", "getCounter()")),
    YCSB_T("ycsb-t", false, List.of("transfer(Account,long)", "read()")),
    HOP_LATENCY("hop-latency", false, List.of("read()", "chain(Account,Account)", "touch(Account)", "increment()",
            "getCounter()"));

    private final String label;
    private final boolean hasBaseline;
    private final List<String> methods;

    WorkloadKind(String label, boolean hasBaseline, List<String> methods) {
        this.label = label;
        this.hasBaseline = hasBaseline;
        this.methods = methods;
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

    /** Signatures {@code name(SimpleType,...)} the workload calls on {@code ycsb.Account}. */
    List<String> methods() {
        return methods;
    }

    Workload create(Accounts accounts, KeyChooser keys, int records) {
        return switch (this) {
            case YCSB_A -> new YcsbWorkload(accounts, keys, records, 0.5);
            case YCSB_B -> new YcsbWorkload(accounts, keys, records, 0.95);
            case CHAIN -> new ChainWorkload(accounts, keys, records);
            case YCSB_T -> new TransferWorkload(accounts, keys, records);
            case HOP_LATENCY -> new HopLatencyWorkload(accounts, keys, records);
        };
    }
}
