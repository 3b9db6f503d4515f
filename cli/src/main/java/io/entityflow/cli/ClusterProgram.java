package io.entityflow.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The options every command about a program on a cluster shares: Kafka's address and the name the
 * program is deployed under (its topics are named after it, so deploy and gateways find each other).
 */
final class ClusterProgram {
    static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    static final String DEFAULT_FLINK = "http://127.0.0.1:8081";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    @Option(names = "--kafka", defaultValue = DEFAULT_KAFKA, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap server (default " + DEFAULT_KAFKA + ")")
    String kafka;

    @Option(names = "--name", description = "name the job is deployed under (default: the program folder's name)")
    String name;

    /** The deployment name: --name, else the folder's name (or the jar's program name); only topic-safe characters. */
    String nameFor(Path folder) {
        return nameFor(name, folder);
    }

    static String nameFor(String name, Path folder) {
        String chosen = name != null ? name : folder.toAbsolutePath().normalize().getFileName().toString();
        if (!NAME.matcher(chosen).matches()) {
            throw new IllegalArgumentException("a job name is 1 to 100 letters, digits, '.', '_' or '-' (it names Kafka"
                    + " topics); got '" + chosen + "': pass --name");
        }
        return chosen;
    }
}
