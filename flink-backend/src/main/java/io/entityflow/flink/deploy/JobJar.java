package io.entityflow.flink.deploy;

import io.entityflow.ir.codegen.CompiledProgram;
import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A self-contained job jar for a Flink cluster: the entityflow runtime with the Kafka connector (Flink
 * itself is the cluster's), the program's generated classes and its {@link ProgramDescriptor}. The manifest
 * names the entry point and the Flink version the jar was built against, which deploy compares with the
 * cluster's before uploading.
 */
public final class JobJar {
    static final Attributes.Name FLINK_VERSION = new Attributes.Name("Entityflow-Flink-Version");
    static final Attributes.Name PROGRAM = new Attributes.Name("Entityflow-Program");
    /** Where the runtime jar sits on the class path of the entityflow command. */
    static final String RUNTIME_RESOURCE = "io/entityflow/flink/deploy/job-runtime.jar";
    /** Overrides where the runtime jar is (a build's {@code flink-backend/target/*-job-runtime.jar}). */
    public static final String RUNTIME_PROPERTY = "entityflow.jobRuntimeJar";

    /** What a job jar's manifest says. */
    public record Info(Path jar, String program, String flinkVersion) {
    }

    private JobJar() {
    }

    /** Writes the job jar of {@code program}, deployed under {@code name}, to {@code target}. */
    public static Info write(String name, CompiledProgram program, Path target) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, ClusterJobMain.class.getName());
        main.put(FLINK_VERSION, EnvironmentInformation.getVersion());
        main.put(PROGRAM, name);
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target), manifest);
             JarInputStream runtime = new JarInputStream(Files.newInputStream(runtimeJar()))) {
            for (JarEntry entry = runtime.getNextJarEntry(); entry != null; entry = runtime.getNextJarEntry()) {
                jar.putNextEntry(new JarEntry(entry.getName()));
                runtime.transferTo(jar);
                jar.closeEntry();
            }
            for (Map.Entry<String, byte[]> type : new java.util.TreeMap<>(program.classFiles()).entrySet()) {
                jar.putNextEntry(new JarEntry(type.getKey().replace('.', '/') + ".class"));
                jar.write(type.getValue());
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry(ProgramDescriptor.RESOURCE));
            ProgramDescriptor.of(name, program).write(jar);
            jar.closeEntry();
        }
        return new Info(target, name, EnvironmentInformation.getVersion());
    }

    /** Reads a job jar's manifest; refuses a jar entityflow did not build. */
    public static Info read(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new DeployException("no job jar at " + jar);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            String version = main.getValue(FLINK_VERSION);
            String program = main.getValue(PROGRAM);
            if (version == null || program == null || file.getEntry(ProgramDescriptor.RESOURCE) == null) {
                throw new DeployException(jar + " is not a job jar built by entityflow (its manifest names no"
                        + " entityflow program); build one with entityflow package");
            }
            return new Info(jar, program, version);
        } catch (java.util.zip.ZipException e) {
            throw new DeployException(jar + " is not a jar: " + e.getMessage());
        }
    }

    /** The program descriptor a job jar carries. */
    public static ProgramDescriptor descriptor(Path jar) throws IOException {
        read(jar);
        try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry(ProgramDescriptor.RESOURCE))) {
            return ProgramDescriptor.read(in);
        }
    }

    /** The resource copied out once per process: every job jar written by this process starts from it. */
    private static Path extractedRuntime;

    /** The runtime half of every job jar: from {@value #RUNTIME_PROPERTY}, else the command's class path. */
    static synchronized Path runtimeJar() throws IOException {
        String configured = System.getProperty(RUNTIME_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        if (extractedRuntime != null && Files.isRegularFile(extractedRuntime)) {
            return extractedRuntime;
        }
        try (InputStream in = JobJar.class.getClassLoader().getResourceAsStream(RUNTIME_RESOURCE)) {
            if (in == null) {
                throw new DeployException("this entityflow has no job runtime (" + RUNTIME_RESOURCE
                        + " is not on its class path); build it with ./mvnw package, or set -D" + RUNTIME_PROPERTY);
            }
            Path copy = Files.createTempFile("entityflow-job-runtime", ".jar");
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            extractedRuntime = copy;
            return copy;
        }
    }
}
