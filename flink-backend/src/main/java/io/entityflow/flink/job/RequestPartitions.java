package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded job's request log in partitions, one per subtask of the keyed operator that reads it: a request
 * goes to the partition of the subtask owning its destination's key group (the one a keyBy would pick), so each
 * source reader feeds its keyed operator through a forward edge in the same task — no network edge, no
 * serialisation, no buffer flusher, and a checkpoint barrier that does not queue behind a backlog of requests
 * (the backlog waits here, outside the checkpoint). The key groups are known once the reading operator's tasks
 * open ({@link #partitionByKeyGroups}); requests submitted before that wait unrouted and go first.
 */
final class RequestPartitions {
    private RequestLog[] logs;
    private volatile Routing routing;
    private List<Envelope> unrouted = new ArrayList<>();

    private record Routing(int maxParallelism, RequestLog[] logs) {
        RequestLog logOf(Envelope request) {
            return logs[KeyGroupRangeAssignment.assignKeyToParallelOperator(request.destinationKey(), maxParallelism, logs.length)];
        }
    }

    void append(Envelope request) {
        Routing known = routing;
        if (known == null) {
            synchronized (this) {
                known = routing;
                if (known == null) {
                    unrouted.add(request);
                    return;
                }
            }
        }
        known.logOf(request).append(request);
    }

    /** The log that subtask {@code partition} of {@code partitions} reads. */
    synchronized RequestLog log(int partition, int partitions) {
        if (logs == null) {
            logs = new RequestLog[partitions];
            for (int i = 0; i < partitions; i++) {
                logs[i] = new RequestLog();
            }
        } else if (logs.length != partitions) {
            throw new IllegalStateException("the request log has " + logs.length + " partitions, not " + partitions
                    + ": a job in this JVM keeps its parallelism");
        }
        return logs[partition];
    }

    /**
     * Routes requests by key group from now on ({@code maxParallelism} key groups over {@code parallelism}
     * subtasks, as the reading keyed operator has them); those that arrived before go first, in their order.
     */
    synchronized void partitionByKeyGroups(int maxParallelism, int parallelism) {
        if (routing != null) {
            if (routing.maxParallelism() != maxParallelism || routing.logs().length != parallelism) {
                throw new IllegalStateException("the request log is routed over " + routing.logs().length + " subtasks of "
                        + routing.maxParallelism() + " key groups, not " + parallelism + " of " + maxParallelism);
            }
            return;
        }
        log(0, parallelism);
        Routing byKeyGroup = new Routing(maxParallelism, logs);
        unrouted.forEach(request -> byKeyGroup.logOf(request).append(request));
        unrouted = null;
        routing = byKeyGroup;
    }
}
