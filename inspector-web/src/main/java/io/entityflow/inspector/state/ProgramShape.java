package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.inspector.api.InspectorError;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.graph.EntityGraph;
import io.entityflow.ir.graph.GraphJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The program as the inspector needs it: its graph JSON (the one {@code entityflow graph} and the language
 * server produce), its entity types by simple and qualified name, and for each block of each method the
 * names of the locals saved to resume there, so a suspended frame's locals show with their names.
 */
public final class ProgramShape {
    private final JsonNode graph;
    private final Map<String, JsonNode> entities = new TreeMap<>();

    public ProgramShape(CompiledProgram program) {
        try {
            graph = new ObjectMapper().readTree(GraphJson.write(EntityGraph.of(program.analysis())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode entity : graph.path("entities")) {
            entities.put(entity.path("qualifiedName").asText(), entity);
        }
    }

    public JsonNode graph() {
        return graph;
    }

    public List<String> types() {
        return new ArrayList<>(entities.keySet());
    }

    /** The qualified name of an entity type given by its simple or qualified name; 404 naming the types otherwise. */
    public String type(String name) {
        if (entities.containsKey(name)) {
            return name;
        }
        for (String qualified : entities.keySet()) {
            if (qualified.substring(qualified.lastIndexOf('.') + 1).equals(name)) {
                return qualified;
            }
        }
        throw InspectorError.notFound("unknown_type", "no entity type " + name + "; the program has "
                + String.join(", ", entities.keySet()));
    }

    public JsonNode entity(String qualified) {
        return entities.get(qualified);
    }

    /** The method of an entity type, if it has one of that name. */
    public Optional<JsonNode> method(String qualified, String method) {
        JsonNode entity = entities.get(qualified);
        if (entity == null) {
            return Optional.empty();
        }
        for (JsonNode m : entity.path("methods")) {
            if (m.path("name").asText().equals(method)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Names of the locals saved to resume {@code method} at {@code block}, in frame order. */
    public List<String> savedLocals(String qualified, String method, int block) {
        List<String> names = new ArrayList<>();
        method(qualified, method).ifPresent(m -> {
            for (JsonNode b : m.path("blocks")) {
                if (b.path("id").asInt() == block) {
                    b.path("live").forEach(n -> names.add(n.asText()));
                }
            }
        });
        return names;
    }

    /** The remote call a frame resuming at {@code block} waits for ("Item.getPrice"), or null. */
    public String awaitedCall(String qualified, String method, int block) {
        return method(qualified, method).map(m -> {
            for (JsonNode edge : m.path("edges")) {
                if (edge.path("to").asInt() == block && edge.has("call")) {
                    return edge.path("call").asText();
                }
            }
            return null;
        }).orElse(null);
    }
}
