package io.entityflow.cli;

import io.entityflow.flink.deploy.ClusterJobSettings;
import io.entityflow.flink.deploy.ClusterJobs;
import io.entityflow.flink.deploy.JobJar;
import io.entityflow.ir.codegen.CompiledProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code entityflow deploy DIR|JAR --flink URL}: builds the program's job jar (or takes one from
 * {@code entityflow package}), checks it against the cluster and Kafka, uploads and runs it, and prints
 * how to reach it. A program with errors, a jar for another Flink, an unreachable Flink or Kafka fail
 * before anything is uploaded.
 */
@Command(name = "deploy", description = "Deploy an entity program to a Flink cluster, requests and responses on Kafka.")
final class DeployCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR|JAR", description = "folder of entity sources, or a jar from entityflow package")
    Path program;

    @Option(names = "--flink", defaultValue = ClusterProgram.DEFAULT_FLINK, paramLabel = "URL",
            description = "Flink's REST URL (default " + ClusterProgram.DEFAULT_FLINK + ")")
    URI flink;

    @Mixin
    ClusterProgram cluster;

    @Option(names = "--parallelism", defaultValue = "2", description = "job parallelism (default 2)")
    int parallelism;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "start from this savepoint (or retained checkpoint)")
    String fromSavepoint;

    @Option(names = "--allow-non-restored-state",
            description = "start even if the savepoint holds state no operator of this program takes (a removed entity type)")
    boolean allowNonRestoredState;

    @Option(names = "--checkpoint-interval", defaultValue = "200", paramLabel = "MS",
            description = "checkpoint interval in ms (default 200); responses leave with the checkpoint holding their effects")
    long checkpointMillis;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "where checkpoints go (default: the cluster's execution.checkpointing.dir)")
    String checkpointDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path jar;
        String name;
        if (Files.isRegularFile(program)) {
            jar = program;
            name = JobJar.read(jar).program();
        } else {
            ProgramFolder.Compiled compiled = ProgramFolder.compile(program, err, "not deployed");
            if (compiled.program() == null) {
                return compiled.exitCode();
            }
            name = cluster.nameFor(program);
            jar = Files.createTempFile("entityflow-" + name, ".jar");
            jar.toFile().deleteOnExit();
            JobJar.write(name, compiled.program(), jar);
        }
        ClusterJobSettings settings = ClusterJobSettings.defaults(cluster.kafka)
                .withCheckpointInterval(Duration.ofMillis(checkpointMillis)).withCheckpointDir(checkpointDir);
        ClusterJobs jobs = new ClusterJobs(flink);
        ClusterJobs.Deployed deployed = jobs.deploy(jar, new ClusterJobs.Deployment(settings, parallelism,
                fromSavepoint == null ? null : StopCommand.absolute(fromSavepoint), allowNonRestoredState));
        String jobId = deployed.jobId();
        out.println("entityflow: deployed " + name + " as job " + jobId + " with parallelism " + parallelism
                + (fromSavepoint == null ? "" : " from " + fromSavepoint));
        deployed.upgradeNotes().forEach(note -> out.println("  upgrade: " + note));
        out.println("  Flink web UI: " + flink.toString().replaceAll("/$", "") + "/#/job/running/" + jobId + "/overview");
        out.println("  requests:     Kafka " + cluster.kafka + ", topic entityflow." + name + ".requests");
        String folder = Files.isDirectory(program) ? program.toString() : "DIR";
        out.println("  gateway:      entityflow gateway --kafka " + cluster.kafka + " --program " + folder
                + (cluster.name == null ? "" : " --name " + name));
        out.println("  inspector:    entityflow inspect --flink " + flink + " --program " + folder + " --job " + jobId);
        out.println("  stop:         entityflow stop --flink " + flink + " " + jobId + " [--savepoint DIR]");
        out.flush();
        return 0;
    }
}
