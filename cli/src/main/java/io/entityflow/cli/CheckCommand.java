package io.entityflow.cli;

import io.entityflow.flink.deploy.ProgramDescriptor;
import io.entityflow.flink.deploy.SavepointSchemas;
import io.entityflow.flink.deploy.UpgradeCheck;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntitySchema;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.diag.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code entityflow check DIR…}: one line per diagnostic, like javac; exit 1 when any is an error. */
@Command(name = "check", description = "Analyse entity sources and report what cannot be split.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "folders (or files) of entity sources")
    List<Path> roots;

    @Option(names = "--format", description = "text (default) or json", defaultValue = "text")
    String format;

    @Option(names = "--against-savepoint", paramLabel = "PATH", description = "also check the program can start from this"
            + " savepoint: saved entity types still exist with their keys, saved fields keep their types")
    String savepoint;

    @Option(names = "--allow-non-restored-state", description = "with --against-savepoint: entities of removed types may be dropped")
    boolean allowNonRestoredState;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or json, not " + format);
        }
        Analysis analysis = EntityAnalyzer.analyze(Sources.load(roots));
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(json.writeValueAsString(Map.of("diagnostics", analysis.diagnostics().stream().map(CheckCommand::toJson).toList())));
        } else {
            analysis.diagnostics().forEach(d -> out.println(d.toLine()));
            long errors = analysis.diagnostics().stream().filter(Diagnostic::isError).count();
            long warnings = analysis.diagnostics().size() - errors;
            spec.commandLine().getErr().println(errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings
                    + " warning" + (warnings == 1 ? "" : "s") + " in " + analysis.model().entities().size() + " entities");
        }
        out.flush();
        if (analysis.hasErrors()) {
            return 1;
        }
        return savepoint == null ? 0 : checkAgainstSavepoint(out);
    }

    /** Compiles the program (its generated factories know the fields it saves) and compares with the savepoint's. */
    private int checkAgainstSavepoint(PrintWriter out) throws java.io.IOException {
        CompiledProgram program = CompiledProgram.compile(Sources.load(roots));
        Map<String, EntitySchema> fields = new LinkedHashMap<>();
        program.entityTypes().forEach(type -> fields.put(type, ProgramDescriptor.schemaOf(type, program.classes())));
        String path = StopCommand.absolute(savepoint);
        UpgradeCheck check = UpgradeCheck.of(SavepointSchemas.read(path), fields, allowNonRestoredState);
        check.notes().forEach(note -> out.println("upgrade: " + note));
        check.incompatibilities().forEach(problem -> out.println("incompatible: " + problem));
        out.flush();
        spec.commandLine().getErr().println(check.compatible() ? "the program can start from " + savepoint
                : "the program cannot start from " + savepoint + " (" + check.incompatibilities().size() + " incompatible changes)");
        return check.compatible() ? 0 : 1;
    }

    static Map<String, Object> toJson(Diagnostic d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", d.file());
        json.put("line", d.range().startLine());
        json.put("column", d.range().startColumn());
        json.put("endLine", d.range().endLine());
        json.put("endColumn", d.range().endColumn());
        json.put("severity", d.severity().label());
        json.put("code", d.code());
        json.put("message", d.message());
        json.put("related", d.related().stream().map(r -> Map.of("file", r.file(), "line", r.range().startLine(),
                "column", r.range().startColumn(), "message", r.message())).toList());
        return json;
    }
}
