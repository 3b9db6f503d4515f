package io.entityflow.ir.graph;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.diag.SourceRange;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.FieldModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.model.ParameterModel;
import io.entityflow.ir.split.SplitMethod;
import io.entityflow.ir.split.Terminator;
import io.entityflow.ir.split.Var;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedPseudograph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IR at both levels, in JGraphT: the dataflow graph (ingress, one operator per entity type, egress;
 * call and return edges between operators) and, per method, the graph of its split blocks.
 * This is what graph JSON and DOT are written from, for the CLI, the language server and the inspector.
 */
public final class EntityGraph {
    /** An operator of the dataflow. {@code uid} is stable across compilations: Flink state is bound to it. */
    public record Operator(String id, String kind, String entity, String uid) {
    }

    public record DataflowEdge(String from, String to, String kind, List<String> calls) {
    }

    public record Call(String kind, String target, String method, SourceRange range, int resume) {
    }

    public record Block(int id, SourceRange range, List<Call> calls, List<String> live, List<String> exits) {
    }

    public record BlockEdge(int from, int to, String kind, String call) {
    }

    public record Method(String name, boolean transactional, boolean readOnly, boolean suspending,
                         List<String> parameters, String returnType, Graph<Block, BlockEdge> blocks) {
    }

    public record Field(String name, String type, String entity) {
    }

    public record Entity(String name, String qualifiedName, String file, String key, List<Field> fields,
                         List<Method> methods) {
    }

    private final List<Entity> entities;
    private final Graph<Operator, DataflowEdge> dataflow;

    private EntityGraph(List<Entity> entities, Graph<Operator, DataflowEdge> dataflow) {
        this.entities = entities;
        this.dataflow = dataflow;
    }

    public static EntityGraph of(Analysis analysis) {
        List<Entity> entities = new ArrayList<>();
        for (EntityModel entity : analysis.model().entities()) {
            List<Method> methods = new ArrayList<>();
            for (MethodModel method : entity.methods()) {
                if (method.isStatic()) {
                    continue;
                }
                SplitMethod split = analysis.splits().get(entity.qualifiedName() + "." + method.name());
                methods.add(new Method(method.name(), method.isTransactional(), method.isReadOnly(), method.isSuspending(),
                        method.parameters().stream().map(ParameterModel::name).toList(), method.returnType(),
                        split != null ? blocksOf(split) : singleBlock(method)));
            }
            List<Field> fields = entity.fields().stream()
                    .map(f -> new Field(f.name(), f.type(), simpleName(f.entityType()))).toList();
            entities.add(new Entity(entity.name(), entity.qualifiedName(), entity.file(),
                    entity.key().map(FieldModel::name).orElse(null), fields, methods));
        }
        return new EntityGraph(entities, dataflowOf(analysis));
    }

    private static String simpleName(String qualified) {
        return qualified == null ? null : qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static Graph<Block, BlockEdge> singleBlock(MethodModel method) {
        Graph<Block, BlockEdge> graph = new DirectedPseudograph<>(BlockEdge.class);
        graph.addVertex(new Block(0, SourceRange.of(method.declaration()), List.of(),
                method.parameters().stream().map(ParameterModel::name).toList(), List.of("return")));
        return graph;
    }

    private static Graph<Block, BlockEdge> blocksOf(SplitMethod split) {
        Graph<Block, BlockEdge> graph = new DirectedPseudograph<>(BlockEdge.class);
        List<Block> blocks = new ArrayList<>();
        for (int id = 0; id < split.resumePoints().size(); id++) {
            List<Call> calls = new ArrayList<>();
            Set<String> exits = new LinkedHashSet<>();
            for (int basic : split.basicBlocksOf(id)) {
                Terminator end = split.blocks().get(basic).terminator();
                if (end instanceof Terminator.Call call) {
                    calls.add(callOf(call.site(), SourceRange.of(call.site().expression()),
                            split.splitBlockOf(call.continuation())));
                } else if (end instanceof Terminator.Return) {
                    exits.add("return");
                } else if (end instanceof Terminator.Throw) {
                    exits.add("throw");
                }
            }
            List<String> live = split.frame(id).stream().map(Var::displayName).toList();
            Block block = new Block(id, split.rangeOf(id), calls, live, List.copyOf(exits));
            blocks.add(block);
            graph.addVertex(block);
        }
        for (Block block : blocks) {
            for (Call call : block.calls()) {
                graph.addEdge(block, blocks.get(call.resume()), new BlockEdge(block.id(), call.resume(), "call",
                        call.kind().equals("create") ? "new " + call.target() : call.target() + "." + call.method()));
            }
        }
        return graph;
    }

    private static Call callOf(CallSite site, SourceRange range, int resume) {
        String kind = switch (site.kind()) {
            case CREATE -> "create";
            case LOCAL -> "local";
            default -> "remote";
        };
        return new Call(kind, site.target().name(), site.kind() == CallSite.Kind.CREATE ? null : site.method(), range, resume);
    }

    private static Graph<Operator, DataflowEdge> dataflowOf(Analysis analysis) {
        Graph<Operator, DataflowEdge> graph = new DirectedPseudograph<>(DataflowEdge.class);
        Operator ingress = new Operator("ingress", "ingress", null, "entityflow-ingress");
        Operator egress = new Operator("egress", "egress", null, "entityflow-egress");
        graph.addVertex(ingress);
        Map<String, Operator> operators = new LinkedHashMap<>();
        for (EntityModel entity : analysis.model().entities()) {
            Operator operator = new Operator(entity.name(), "entity", entity.name(), OperatorUids.entity(entity.qualifiedName()));
            operators.put(entity.qualifiedName(), operator);
            graph.addVertex(operator);
        }
        graph.addVertex(egress);
        for (Operator operator : operators.values()) {
            graph.addEdge(ingress, operator, new DataflowEdge("ingress", operator.id(), "request", List.of()));
        }
        Map<String, Set<String>> callsBetween = new LinkedHashMap<>();
        for (EntityModel entity : analysis.model().entities()) {
            for (CallSite site : analysis.calls().sitesIn(entity.declaration())) {
                if (site.isRemote() || (site.kind() == CallSite.Kind.LOCAL && analysis.calls().isSplitPoint(site))) {
                    String key = entity.qualifiedName() + "\n" + site.target().qualifiedName();
                    callsBetween.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(site.label());
                }
            }
        }
        callsBetween.forEach((key, labels) -> {
            String[] ends = key.split("\n");
            Operator from = operators.get(ends[0]);
            Operator to = operators.get(ends[1]);
            graph.addEdge(from, to, new DataflowEdge(from.id(), to.id(), "call", List.copyOf(labels)));
            graph.addEdge(to, from, new DataflowEdge(to.id(), from.id(), "return", List.copyOf(labels)));
        });
        for (Operator operator : operators.values()) {
            graph.addEdge(operator, egress, new DataflowEdge(operator.id(), "egress", "response", List.of()));
        }
        return graph;
    }

    public List<Entity> entities() {
        return entities;
    }

    public Graph<Operator, DataflowEdge> dataflow() {
        return dataflow;
    }

    public boolean hasMethod(String entity, String method) {
        return entities.stream().anyMatch(e -> e.name().equals(entity)
                && e.methods().stream().anyMatch(m -> m.name().equals(method)));
    }

    /** The same graph with one entity and one of its methods only (for {@code --method} and editor views). */
    public EntityGraph onlyMethod(String entity, String method) {
        List<Entity> kept = new ArrayList<>();
        for (Entity e : entities) {
            if (e.name().equals(entity)) {
                kept.add(new Entity(e.name(), e.qualifiedName(), e.file(), e.key(), e.fields(),
                        e.methods().stream().filter(m -> m.name().equals(method)).toList()));
            }
        }
        return new EntityGraph(kept, dataflow);
    }
}
