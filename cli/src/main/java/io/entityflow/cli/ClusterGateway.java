package io.entityflow.cli;

import io.entityflow.flink.gateway.Gateway;
import io.entityflow.flink.gateway.GatewayOptions;
import io.entityflow.flink.gateway.KafkaRequestSubmitter;
import io.entityflow.flink.job.KafkaEdges;
import io.entityflow.ir.codegen.CompiledProgram;

/**
 * What {@code entityflow gateway} starts: the HTTP gateway of a program deployed as {@code name}, its
 * requests and answers through Kafka under this gateway's id. Tests start the same.
 */
public final class ClusterGateway implements AutoCloseable {
    private final KafkaRequestSubmitter kafka;
    private final Gateway gateway;
    private final KafkaEdges.Topics topics;

    private ClusterGateway(KafkaRequestSubmitter kafka, Gateway gateway, KafkaEdges.Topics topics) {
        this.kafka = kafka;
        this.gateway = gateway;
        this.topics = topics;
    }

    /**
     * @param partitions partitions of the requests topic if the program was not deployed yet
     */
    public static ClusterGateway start(CompiledProgram program, String kafkaServers, String name, String gatewayId,
                                       int partitions, GatewayOptions options) throws InterruptedException {
        KafkaEdges.Topics topics = KafkaEdges.Topics.of(kafkaServers, name);
        KafkaRequestSubmitter kafka = KafkaRequestSubmitter.start(gatewayId, topics, partitions);
        try {
            Gateway gateway = new Gateway(program, kafka, options).start();
            gateway.markReady();
            return new ClusterGateway(kafka, gateway, topics);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    public KafkaEdges.Topics topics() {
        return topics;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            gateway.close();
        } finally {
            kafka.close();
        }
    }
}
