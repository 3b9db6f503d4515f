package io.entityflow.flink.deploy;

import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.ir.codegen.CompiledProgram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a job jar says about the program it carries, beside its classes: the entity types in declaration
 * order and their transactional and read-only methods — all the job needs from the analysis, so the
 * analysis (JavaParser, the splitter) stays out of the cluster. Stored as a properties file a person can read.
 */
public record ProgramDescriptor(String name, List<String> entityTypes, MethodTraits traits) {
    /** Where the descriptor lives in a job jar. */
    public static final String RESOURCE = "META-INF/entityflow/program.properties";

    public static ProgramDescriptor of(String name, CompiledProgram program) {
        return new ProgramDescriptor(name, program.entityTypes(), MethodTraits.of(program));
    }

    public void write(OutputStream out) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("name", name);
        properties.setProperty("entity.types", String.join(",", entityTypes));
        traits.transactionalMethods().forEach((type, methods) ->
                properties.setProperty("transactional." + type, String.join(",", new TreeSet<>(methods))));
        traits.readOnlyMethods().forEach((type, methods) ->
                properties.setProperty("readonly." + type, String.join(",", new TreeSet<>(methods))));
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
        return new ProgramDescriptor(name, entityTypes, new MethodTraits(transactional, readOnly));
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
