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
}
