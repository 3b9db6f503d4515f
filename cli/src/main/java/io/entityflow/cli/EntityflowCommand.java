package io.entityflow.cli;

import io.entityflow.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code entityflow} command: exit 0 = clean, 1 = errors found, 2 = usage or I/O problem. */
@Command(name = "entityflow", mixinStandardHelpOptions = true, version = "entityflow 0.1.0",
        description = "Stateful entities in plain Java, compiled to Apache Flink dataflows.",
        subcommands = {CheckCommand.class, GraphCommand.class, RunCommand.class, InspectCommand.class, ClusterCommand.class, PackageCommand.class,
                DeployCommand.class, JobsCommand.class, StopCommand.class, GatewayCommand.class, BenchCommand.class, LspCommand.class})
public final class EntityflowCommand implements Runnable {
    public static final int USAGE_OR_IO = 2;
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: check, graph, run, inspect, cluster, package, deploy, jobs, stop, gateway, bench, lsp");
    }

    public static void main(String[] args) {
        // Before anything touches the common pool: with fewer than 2 threads there (machines with 2 cores or
        // less) every asynchronous CompletableFuture stage gets a thread of its own, which the JDK's HttpClient
        // (bench --http) and Flink's RPC do once per message.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new EntityflowCommand());
        commandLine.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("entityflow: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return USAGE_OR_IO;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("entityflow: " + ex.getMessage());
            return USAGE_OR_IO;
        });
        return commandLine.execute(args);
    }
}
