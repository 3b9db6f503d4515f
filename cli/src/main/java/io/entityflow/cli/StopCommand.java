package io.entityflow.cli;

import io.entityflow.flink.deploy.ClusterJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.util.concurrent.Callable;

/** {@code entityflow stop --flink URL JOB}: stops a deployed job with a savepoint and prints where it is. */
@Command(name = "stop", description = "Stop a job on a Flink cluster with a savepoint (deploy --from-savepoint resumes it).")
final class StopCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB", description = "the job id deploy printed (entityflow jobs lists them)")
    String job;

    @Option(names = "--flink", defaultValue = ClusterProgram.DEFAULT_FLINK, paramLabel = "URL",
            description = "Flink's REST URL (default " + ClusterProgram.DEFAULT_FLINK + ")")
    URI flink;

    @Option(names = "--savepoint", paramLabel = "DIR",
            description = "where the savepoint goes (default: the cluster's execution.checkpointing.savepoint-dir)")
    String savepointDir;

    @Option(names = "--cancel", description = "cancel without a savepoint (the job's last checkpoint is kept)")
    boolean cancel;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ClusterJobs jobs = new ClusterJobs(flink);
        if (cancel) {
            jobs.cancel(job);
            spec.commandLine().getOut().println("entityflow: cancelled job " + job);
            return 0;
        }
        String savepoint = jobs.stop(job, savepointDir == null ? null : absolute(savepointDir));
        spec.commandLine().getOut().println("entityflow: stopped job " + job + "; savepoint " + savepoint);
        spec.commandLine().getOut().println("  resume: entityflow deploy DIR --flink " + flink + " --from-savepoint " + savepoint);
        return 0;
    }

    /** A local directory as the URI Flink needs (it resolves relative paths against its own working directory). */
    static String absolute(String dir) {
        // a URI (file:/..., s3://...) as Flink prints it stays as it is
        return dir.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") ? dir
                : java.nio.file.Path.of(dir).toAbsolutePath().normalize().toUri().toString();
    }
}
