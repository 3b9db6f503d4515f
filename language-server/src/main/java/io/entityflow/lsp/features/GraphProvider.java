package io.entityflow.lsp.features;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.graph.EntityGraph;
import io.entityflow.ir.graph.GraphJson;
import io.entityflow.ir.model.EntityModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code entityflow/graph}: the graph JSON of ARCHITECTURE §4 (the schema of {@code entityflow graph}) for the
 * entities a document declares, or for one of their methods; the dataflow part covers the entities they reach.
 */
public final class GraphProvider {
    private static final Gson GSON = new Gson();

    private GraphProvider() {
    }

    public static JsonObject graph(Analysis analysis, String uri, String method) {
        EntityGraph graph = EntityGraph.of(analysis);
        if (method != null && !method.isBlank()) {
            Optional<String[]> entityAndMethod = resolve(analysis, uri, method);
            if (entityAndMethod.isEmpty()) {
                throw new IllegalArgumentException("no entity method " + method + " in " + uri);
            }
            graph = graph.onlyMethod(entityAndMethod.get()[0], entityAndMethod.get()[1]);
        }
        Map<String, Object> tree = GraphJson.toTree(graph);
        tree.put("entities", ((List<?>) tree.get("entities")).stream()
                .filter(e -> uri.equals(((Map<?, ?>) e).get("file"))).toList());
        return GSON.toJsonTree(tree).getAsJsonObject();
    }

    /** {@code Type.method} or just {@code method} of an entity declared in the document. */
    private static Optional<String[]> resolve(Analysis analysis, String uri, String method) {
        int dot = method.lastIndexOf('.');
        String type = dot < 0 ? null : method.substring(0, dot);
        String name = method.substring(dot + 1);
        for (EntityModel entity : SourceQueries.entitiesIn(analysis, uri)) {
            if ((type == null || type.equals(entity.name()) || type.equals(entity.qualifiedName())) && entity.method(name).isPresent()) {
                return Optional.of(new String[] {entity.name(), name});
            }
        }
        return Optional.empty();
    }
}
