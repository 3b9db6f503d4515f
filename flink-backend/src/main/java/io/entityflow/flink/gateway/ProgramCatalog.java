package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.model.EntityModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a compiled program offers to clients, by entity type: built once from the analysis (the source's
 * declarations) and the generated classes, then only read, by any number of request threads.
 */
final class ProgramCatalog {
    private final Map<String, CatalogEntity> byQualifiedName = new LinkedHashMap<>();
    private final Map<String, CatalogEntity> bySimpleName = new LinkedHashMap<>();

    ProgramCatalog(CompiledProgram program, ObjectMapper mapper) {
        ShapeResolver shapes = new ShapeResolver(program.analysis().model(), program.analysis().parsed().units(),
                program.classes(), mapper);
        for (EntityModel model : program.analysis().model().entities()) {
            CatalogEntity entity = new CatalogEntity(model, shapes);
            byQualifiedName.put(model.qualifiedName(), entity);
            bySimpleName.putIfAbsent(model.name(), entity);
        }
    }

    /** By qualified or simple name. @throws GatewayError 404 {@code unknown_type} */
    CatalogEntity entity(String name) {
        CatalogEntity entity = byQualifiedName.get(name);
        if (entity == null) {
            entity = bySimpleName.get(name);
        }
        if (entity == null) {
            throw new GatewayError(404, "unknown_type", "no entity type " + name + "; the program has "
                    + (byQualifiedName.isEmpty() ? "none" : String.join(", ", byQualifiedName.keySet())));
        }
        return entity;
    }
}
