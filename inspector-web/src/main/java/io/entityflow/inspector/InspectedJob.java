package io.entityflow.inspector;

import io.entityflow.flink.inspect.TracedSubmissions;
import io.entityflow.ir.codegen.CompiledProgram;
import org.apache.flink.api.common.JobID;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the inspector looks at: a running entity job, the Flink REST API it runs under, the program it runs
 * (to read its state and show its graph) and the folder of its sources, and, when known, where its queryable state answers, where
 * savepoints go and the submission path that traces requests.
 */
public record InspectedJob(JobID jobId, URI flinkRest, CompiledProgram program, Path sources,
                           InetSocketAddress queryableStateProxy, Path savepointDir, TracedSubmissions submissions) {
    public Optional<InetSocketAddress> queryable() {
        return Optional.ofNullable(queryableStateProxy);
    }

    public Optional<Path> savepoints() {
        return Optional.ofNullable(savepointDir);
    }

    public Optional<TracedSubmissions> tracing() {
        return Optional.ofNullable(submissions);
    }
}
