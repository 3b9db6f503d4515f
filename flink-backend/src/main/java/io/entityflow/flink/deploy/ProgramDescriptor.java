package io.entityflow.flink.deploy;

import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityFactory;
import io.entityflow.ir.runtime.EntitySchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a job jar says about the program it carries, beside its classes: the entity types in declaration
 * order, their transactional and read-only methods and the fields each saves (checked against a savepoint
 * before deploying from it) — all the job needs from the analysis, so the
 * analysis (JavaParser, the splitter) stays out of the cluster. Stored as a properties file a person can read.
 */
public record ProgramDescriptor(String name, List<String> entityTypes, MethodTraits traits, Map<String, EntitySchema> schemas) {
    /** Where the descriptor lives in a job jar. */
    public static final String RESOURCE = "META-INF/entityflow/program.properties";

    public static ProgramDescriptor of(String name, CompiledProgram program) {
        Map<String, EntitySchema> schemas = new LinkedHashMap<>();
        for (String type : program.entityTypes()) {
            schemas.put(type, schemaOf(type, program.classes()));
        }
        return new ProgramDescriptor(name, program.entityTypes(), MethodTraits.of(program), schemas);
    }

    /** The fields an entity type's generated code saves. */
    public static EntitySchema schemaOf(String type, ClassLoader programClasses) {
        try {
            return ((EntityFactory) Class.forName(type + "$$Factory", true, programClasses).getDeclaredConstructor()
                    .newInstance()).schema();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("entity type " + type + " has no generated factory", e);
        }
    }

    public void write(OutputStream out) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("name", name);
        properties.setProperty("entity.types", String.join(",", entityTypes));
        traits.transactionalMethods().forEach((type, methods) ->
                properties.setProperty("transactional." + type, String.join(",", new TreeSet<>(methods))));
        traits.readOnlyMethods().forEach((type, methods) ->
                properties.setProperty("readonly." + type, String.join(",", new TreeSet<>(methods))));
        schemas.forEach((type, schema) -> {
            properties.setProperty("schema." + type + ".key", schema.key());
            properties.setProperty("schema." + type + ".fields", schema.fields().stream()
                    .map(f -> f.name() + ":" + f.type()).collect(Collectors.joining(";")));
        });
        properties.store(out, "the entity program in this job jar (written by entityflow)");
    }

    public static ProgramDescriptor read(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        String name = properties.getProperty("name");
        String types = properties.getProperty("entity.types");
        if (name == null || types == null) {
            throw new IOException("not an entityflow program descriptor: it names no program or entity types");
        }
        List<String> entityTypes = types.isEmpty() ? List.of() : List.of(types.split(","));
        Map<String, Set<String>> transactional = new HashMap<>();
        Map<String, Set<String>> readOnly = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("transactional.")) {
                transactional.put(key.substring("transactional.".length()), methods(properties.getProperty(key)));
            } else if (key.startsWith("readonly.")) {
                readOnly.put(key.substring("readonly.".length()), methods(properties.getProperty(key)));
            }
        }
        Map<String, EntitySchema> schemas = new LinkedHashMap<>();
        for (String type : entityTypes) {
            String key = properties.getProperty("schema." + type + ".key");
            String fields = properties.getProperty("schema." + type + ".fields");
            if (key != null && fields != null) {
                List<EntitySchema.Field> list = fields.isEmpty() ? List.of() : Arrays.stream(fields.split(";"))
                        .map(f -> new EntitySchema.Field(f.substring(0, f.indexOf(':')), f.substring(f.indexOf(':') + 1))).toList();
                schemas.put(type, new EntitySchema(type, key, list));
            }
        }
        return new ProgramDescriptor(name, entityTypes, new MethodTraits(transactional, readOnly), schemas);
    }

    /** The descriptor in this class loader's job jar. */
    public static ProgramDescriptor load(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + RESOURCE + " on the class path: this is not a jar entityflow built");
            }
            return read(in);
        }
    }

    private static Set<String> methods(String list) {
        return list.isEmpty() ? Set.of() : Set.copyOf(new ArrayList<>(Arrays.asList(list.split(","))));
    }
}
