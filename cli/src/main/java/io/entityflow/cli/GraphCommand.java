package io.entityflow.cli;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.diag.Diagnostic;
import io.entityflow.ir.graph.EntityGraph;
import io.entityflow.ir.graph.GraphDot;
import io.entityflow.ir.graph.GraphJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code entityflow graph DIR}: the IR as graph JSON (the one schema every tool reads) or DOT. */
@Command(name = "graph", description = "Print the dataflow graph and the split methods' block graphs.")
final class GraphCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "folders (or files) of entity sources")
    List<Path> roots;

    @Option(names = "--format", description = "json (default) or dot", defaultValue = "json")
    String format;

    @Option(names = "--method", paramLabel = "Type.method", description = "only this method's block graph")
    String method;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("dot")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be json or dot, not " + format);
        }
        Analysis analysis = EntityAnalyzer.analyze(Sources.load(roots));
        for (Diagnostic d : analysis.diagnostics()) {
            if (d.isError()) {
                spec.commandLine().getErr().println(d.toLine());
            }
        }
        EntityGraph graph = EntityGraph.of(analysis);
        if (method != null) {
            int dot = method.indexOf('.');
            if (dot < 0 || !graph.hasMethod(method.substring(0, dot), method.substring(dot + 1))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no entity method " + method
                        + " (write it as Type.method)");
            }
            graph = graph.onlyMethod(method.substring(0, dot), method.substring(dot + 1));
        }
        spec.commandLine().getOut().println(format.equals("dot") ? GraphDot.write(graph) : GraphJson.write(graph));
        spec.commandLine().getOut().flush();
        return analysis.hasErrors() ? 1 : 0;
    }
}
