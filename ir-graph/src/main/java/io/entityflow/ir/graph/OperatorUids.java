package io.entityflow.ir.graph;

/**
 * The uids of the job's operators that the graph JSON names and state is bound to. Its own class, free of
 * the graph library: the job on a cluster needs the names, not the graph.
 */
public final class OperatorUids {
    private OperatorUids() {
    }

    /** The keyed operator of one entity type; its state stays bound to it across restarts and upgrades. */
    public static String entity(String qualifiedEntityName) {
        return "entityflow-entity-" + qualifiedEntityName;
    }

    /**
     * The loop tail chained behind one entity type's operator when the loop runs in one JVM (stateless; across
     * processes one {@code entityflow-loop-tail} behind a network edge serves all types).
     */
    public static String loopTail(String qualifiedEntityName) {
        return "entityflow-loop-tail-" + qualifiedEntityName;
    }

    /**
     * The sink chained behind one entity type's operator in one JVM, holding its responses until their checkpoint
     * completes (its state: the held responses).
     */
    public static String responses(String qualifiedEntityName) {
        return "entityflow-responses-" + qualifiedEntityName;
    }

    /** The sink chained behind one entity type's operator that answers reads of committed state at once (stateless). */
    public static String responsesAtOnce(String qualifiedEntityName) {
        return "entityflow-responses-at-once-" + qualifiedEntityName;
    }
}
