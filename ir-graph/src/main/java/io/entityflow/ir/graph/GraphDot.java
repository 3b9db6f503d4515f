package io.entityflow.ir.graph;

import java.util.Comparator;

/** The graph as Graphviz DOT: the dataflow, then one cluster per method with its split blocks. */
public final class GraphDot {
    private GraphDot() {
    }

    public static String write(EntityGraph graph) {
        StringBuilder dot = new StringBuilder("digraph entityflow {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        dot.append("  subgraph cluster_dataflow {\n    label=\"dataflow\";\n");
        graph.dataflow().vertexSet().forEach(o -> dot.append("    ").append(id("op_" + o.id())).append(" [label=")
                .append(quote(o.id())).append(o.kind().equals("entity") ? ", shape=box3d" : ", shape=ellipse").append("];\n"));
        graph.dataflow().edgeSet().forEach(e -> dot.append("    ").append(id("op_" + e.from())).append(" -> ")
                .append(id("op_" + e.to())).append(" [label=").append(quote(e.kind()))
                .append(e.kind().equals("return") ? ", style=dashed" : "").append("];\n"));
        dot.append("  }\n");
        for (EntityGraph.Entity entity : graph.entities()) {
            for (EntityGraph.Method method : entity.methods()) {
                String prefix = entity.qualifiedName() + "_" + method.name() + "_";
                dot.append("  subgraph ").append(id("cluster_" + prefix)).append(" {\n    label=")
                        .append(quote(entity.name() + "." + method.name() + (method.transactional() ? " @Transactional" : "")))
                        .append(";\n");
                method.blocks().vertexSet().stream().sorted(Comparator.comparingInt(EntityGraph.Block::id)).forEach(b ->
                        dot.append("    ").append(id(prefix + b.id())).append(" [label=")
                                .append(quote("block " + b.id() + "\\nlines " + b.range().startLine() + "-" + b.range().endLine()
                                        + (b.live().isEmpty() ? "" : "\\nlive: " + String.join(", ", b.live()))))
                                .append("];\n"));
                method.blocks().edgeSet().forEach(e -> dot.append("    ").append(id(prefix + e.from())).append(" -> ")
                        .append(id(prefix + e.to())).append(" [label=").append(quote(e.call())).append("];\n"));
                dot.append("  }\n");
            }
        }
        return dot.append("}\n").toString();
    }

    private static String id(String raw) {
        return "\"" + raw.replace("\"", "'") + "\"";
    }

    private static String quote(String label) {
        return "\"" + (label == null ? "" : label.replace("\"", "\\\"")) + "\"";
    }
}
