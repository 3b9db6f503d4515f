package io.entityflow.cli;

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
        return analysis.hasErrors() ? 1 : 0;
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
