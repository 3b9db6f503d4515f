package io.entityflow.flink.bench;

import io.entityflow.flink.embedded.EngineJob;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.job.JobEdges;
import io.entityflow.flink.job.JobOptions;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The YCSB work without entityflow: what a Flink developer would write by hand for the sample's accounts.
 * Requests come from the same in-JVM request log and leave through the same response sink as an entity
 * job's (committed or immediate alike), keyed by account as they are for the entity job; in between there is one
 * {@link AccountFunction} over a {@code ValueState} (in {@link AccountOperator}), and no loop, router or
 * generated code. The ratio of entityflow's throughput to this job's is what the runtime costs.
 */
public final class BaselineJob implements EngineJob {

    @Override
    public void build(StreamExecutionEnvironment env, JobOptions options) {
        DataStream<Envelope> answers = JobEdges.requests(env, options)
                .transform("accounts (hand-written)", EnvelopeTypeInfo.INSTANCE, new AccountOperator())
                .uid("baseline-accounts");
        JobEdges.respond(answers, options);
    }
}
