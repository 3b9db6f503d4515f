package io.entityflow.ir.codegen;

import io.entityflow.api.Entity;
import io.entityflow.ir.runtime.Step;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compiles Java sources with the JDK's compiler inside this JVM, against the entity API and the
 * entityflow runtime types, into a class loader whose parent shares those types with the caller.
 */
public final class InMemoryCompiler {
    private InMemoryCompiler() {
    }

    /** One javac error: the qualified name of the unit it is in, its line there, javac's message. */
    public record Problem(String unit, long line, String message) {
    }

    /** Generated or user code that javac rejected; carries javac's messages. */
    public static final class CompilationFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        CompilationFailed(String message, List<Problem> problems) {
            super(message);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The classes javac wrote, defined on demand; their bytes go into a job jar for a cluster. */
    public static final class ProgramClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        private ProgramClassLoader(Map<String, byte[]> classes) {
            super(InMemoryCompiler.class.getClassLoader());
            this.classes = Map.copyOf(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        /** Binary class name ({@code shop.User$$Factory}) → class file. */
        public Map<String, byte[]> classFiles() {
            return classes;
        }
    }

    public static ProgramClassLoader compile(List<GeneratedSource> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run entityflow on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new ConcurrentHashMap<>();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null)) {
            ForwardingJavaFileManager<StandardJavaFileManager> manager = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return new ByteArrayOutputStream() {
                                @Override
                                public void close() {
                                    classes.put(className, toByteArray());
                                }
                            };
                        }
                    };
                }
            };
            List<JavaFileObject> units = new ArrayList<>();
            for (GeneratedSource source : sources) {
                units.add(new SimpleJavaFileObject(URI.create("string:///" + source.qualifiedName().replace('.', '/')
                        + JavaFileObject.Kind.SOURCE.extension), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source.source();
                    }
                });
            }
            List<String> options = List.of("-classpath", classPath(), "-parameters", "-nowarn", "-proc:none",
                    "--release", "17", "-Xlint:none");
            boolean ok = compiler.getTask(null, manager, diagnostics, options, null, units).call();
            if (!ok) {
                List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
                throw new CompilationFailed(errors.stream()
                        .map(d -> (d.getSource() == null ? "" : d.getSource().getName()) + ":" + d.getLineNumber() + ": "
                                + d.getMessage(null))
                        .collect(Collectors.joining("\n")), errors.stream().map(d -> new Problem(d.getSource() == null ? ""
                        : d.getSource().toUri().getPath().replaceFirst("^/", "").replace(".java", "").replace('/', '.'),
                        d.getLineNumber(), d.getMessage(null))).toList());
            }
        } catch (IOException e) {
            throw new IllegalStateException("javac file manager failed", e);
        }
        return new ProgramClassLoader(classes);
    }

    /**
     * The entity API and the runtime types (all that entity code and generated code refer to outside the
     * JDK), then this JVM's class path: a program's other classes may use what the engine offers them, such
     * as the gateway's route SPI.
     */
    private static String classPath() {
        List<String> entries = new java.util.ArrayList<>(List.of(Entity.class, Step.class).stream()
                .map(InMemoryCompiler::location).distinct().toList());
        String jvm = System.getProperty("java.class.path", "");
        if (!jvm.isBlank()) {
            entries.add(jvm);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
