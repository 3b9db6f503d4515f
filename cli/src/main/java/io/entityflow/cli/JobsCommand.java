package io.entityflow.cli;

import io.entityflow.flink.deploy.ClusterJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code entityflow jobs --flink URL}: the cluster's jobs, newest first. */
@Command(name = "jobs", description = "List the jobs on a Flink cluster.")
final class JobsCommand implements Callable<Integer> {
    @Option(names = "--flink", defaultValue = ClusterProgram.DEFAULT_FLINK, paramLabel = "URL",
            description = "Flink's REST URL (default " + ClusterProgram.DEFAULT_FLINK + ")")
    URI flink;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ClusterJobs.Job> jobs = new java.util.ArrayList<>(new ClusterJobs(flink).jobs());
        jobs.sort(java.util.Comparator.comparing(ClusterJobs.Job::started).reversed());
        if (jobs.isEmpty()) {
            out.println("entityflow: no jobs on " + flink);
        }
        for (ClusterJobs.Job job : jobs) {
            out.printf("%s  %-9s  %s  %s%n", job.id(), job.state(), job.started(), job.name());
        }
        out.flush();
        return 0;
    }
}
