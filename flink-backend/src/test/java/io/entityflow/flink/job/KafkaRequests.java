package io.entityflow.flink.job;

import io.entityflow.flink.deploy.KafkaAdmin;
import io.entityflow.flink.envelope.Envelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts requests on a job's request topic as a gateway does: the topic made first, each request keyed by its
 * entity. A test producer writing to a topic the broker creates on the first send met NOT_LEADER_OR_FOLLOWER, then
 * OUT_OF_ORDER_SEQUENCE_NUMBER for every later batch for two minutes, and the first request was never written (a
 * red CI run); so the topic exists before the first send and each send is waited for, one batch in flight.
 */
final class KafkaRequests {
    static final int PARTITIONS = 4;

    private KafkaRequests() {
    }

    static void send(String bootstrapServers, String topic, List<Envelope> requests) throws Exception {
        try (KafkaAdmin admin = KafkaAdmin.connect(bootstrapServers)) {
            admin.ensureTopic(topic, PARTITIONS);
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (Envelope request : requests) {
                producer.send(new ProducerRecord<>(topic, request.destinationKey().getBytes(StandardCharsets.UTF_8),
                        KafkaEdges.bytes(request))).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
