package io.entityflow.cli;

import io.entityflow.flink.deploy.JobJar;
import io.entityflow.ir.codegen.CompiledProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code entityflow package DIR}: the self-contained job jar {@code deploy} would upload, for any Flink 1.20 cluster. */
@Command(name = "package", description = "Build the job jar of an entity program (for entityflow deploy or flink run).")
final class PackageCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder of entity sources")
    Path folder;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the jar to write (default <name>.jar)")
    Path output;

    @Option(names = "--name", description = "name the job is deployed under (default: the folder's name); names its Kafka topics")
    String name;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ProgramFolder.Compiled compiled = ProgramFolder.compile(folder, spec.commandLine().getErr(), "no jar written");
        if (compiled.program() == null) {
            return compiled.exitCode();
        }
        CompiledProgram program = compiled.program();
        String jobName = ClusterProgram.nameFor(name, folder);
        JobJar.Info jar = JobJar.write(jobName, program, output != null ? output : Path.of(jobName + ".jar"));
        spec.commandLine().getOut().println("entityflow: wrote " + jar.jar() + " (program " + jobName + ", Flink "
                + jar.flinkVersion() + ")");
        return 0;
    }
}
