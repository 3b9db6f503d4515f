package io.entityflow.ir.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.entityflow.ir.diag.SourceRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph JSON of ARCHITECTURE §4, the one schema the CLI, language server, VS Code view and inspector
 * share: {@code {"entities":[{"name","key","fields","methods":[{"name","transactional","blocks":[{"id",
 * "range","calls","live"}],"edges":[{"from","to","kind"}]}]}],"operators":[..],"edges":[..]}}.
 * Ranges are 1-based, end column inclusive.
 */
public final class GraphJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GraphJson() {
    }

    public static String write(EntityGraph graph) {
        try {
            return JSON.writeValueAsString(toTree(graph));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("graph JSON cannot be written", e);
        }
    }

    public static Map<String, Object> toTree(EntityGraph graph) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> entities = new ArrayList<>();
        for (EntityGraph.Entity entity : graph.entities()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", entity.name());
            e.put("qualifiedName", entity.qualifiedName());
            e.put("file", entity.file());
            e.put("key", entity.key());
            List<Object> fields = new ArrayList<>();
            for (EntityGraph.Field field : entity.fields()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", field.name());
                f.put("type", field.type());
                if (field.entity() != null) {
                    f.put("entity", field.entity());
                }
                fields.add(f);
            }
            e.put("fields", fields);
            e.put("methods", entity.methods().stream().map(GraphJson::method).toList());
            entities.add(e);
        }
        root.put("entities", entities);
        root.put("operators", graph.dataflow().vertexSet().stream().map(o -> {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("id", o.id());
            op.put("kind", o.kind());
            if (o.entity() != null) {
                op.put("entity", o.entity());
            }
            op.put("uid", o.uid());
            return op;
        }).toList());
        root.put("edges", graph.dataflow().edgeSet().stream().map(d -> {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("from", d.from());
            edge.put("to", d.to());
            edge.put("kind", d.kind());
            if (!d.calls().isEmpty()) {
                edge.put("calls", d.calls());
            }
            return edge;
        }).toList());
        return root;
    }

    private static Map<String, Object> method(EntityGraph.Method method) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", method.name());
        m.put("transactional", method.transactional());
        m.put("readOnly", method.readOnly());
        m.put("suspending", method.suspending());
        m.put("parameters", method.parameters());
        m.put("returns", method.returnType());
        m.put("blocks", method.blocks().vertexSet().stream().sorted(Comparator.comparingInt(EntityGraph.Block::id)).map(b -> {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("id", b.id());
            block.put("range", range(b.range()));
            block.put("calls", b.calls().stream().map(c -> {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("kind", c.kind());
                call.put("target", c.target());
                if (c.method() != null) {
                    call.put("method", c.method());
                }
                call.put("range", range(c.range()));
                call.put("resume", c.resume());
                return call;
            }).toList());
            block.put("live", b.live());
            block.put("exits", b.exits());
            return block;
        }).toList());
        m.put("edges", method.blocks().edgeSet().stream().map(e -> {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("from", e.from());
            edge.put("to", e.to());
            edge.put("kind", e.kind());
            edge.put("call", e.call());
            return edge;
        }).toList());
        return m;
    }

    private static Map<String, Object> range(SourceRange r) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("startLine", r.startLine());
        range.put("startColumn", r.startColumn());
        range.put("endLine", r.endLine());
        range.put("endColumn", r.endColumn());
        return range;
    }
}
