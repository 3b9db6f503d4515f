package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.kafka.LocalKafka;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests read from Kafka, responses written to Kafka exactly once: a read_committed consumer of a
 * gateway's response topic sees each answer once, and only its own gateway's.
 */
class KafkaEdgesIT {
    @TempDir
    Path dir;

    /** Answers every request with its target's key, as an entity job answers with a result. */
    private static final class Answer implements MapFunction<Envelope, Envelope> {
        @Override
        public Envelope map(Envelope request) {
            return Envelope.result(request.requestId(), request.target(), "answer-" + request.target().key(), List.of());
        }
    }

    @Test
    void requestsComeFromKafkaAndResponsesReachTheirGatewaysTopicOnceCommitted() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            KafkaEdges.Topics topics = new KafkaEdges.Topics(kafka.bootstrapServers(), "entityflow-requests",
                    "entityflow-responses", "kafka-edges-it");
            List<Envelope> requests = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String gateway = i % 2 == 0 ? "gw1" : "gw2";
                requests.add(Envelope.call(gateway + ":r" + i, EntityRef.of("shop.Item", "k" + i), "getPrice", new Object[0], List.of()));
            }
            KafkaRequests.send(kafka.bootstrapServers(), topics.requests(), requests);
            MiniCluster cluster = TestClusters.start(2);
            JobID job = null;
            try {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                env.setParallelism(2);
                env.enableCheckpointing(200);
                KafkaEdges.respond(KafkaEdges.requests(env, topics).map(new Answer()).returns(EnvelopeTypeInfo.INSTANCE), topics, null);
                job = cluster.submitJob(env.getStreamGraph().getJobGraph()).get(60, TimeUnit.SECONDS).getJobID();

                Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "gw1", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
                Map<String, Object> answers = new HashMap<>();
                int received = 0;
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
                    consumer.subscribe(List.of(topics.responses() + "-gw1"));
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (answers.size() < 100 && System.nanoTime() < deadline) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            Envelope response = KafkaEdges.envelope(record.value());
                            answers.put(response.requestId(), response.value());
                            received++;
                        }
                    }
                    // nothing more arrives: each answer was committed once
                    for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofSeconds(2))) {
                        received++;
                    }
                }
                assertThat(answers).hasSize(100).allSatisfy((id, value) -> assertThat(id).startsWith("gw1:"));
                assertThat(answers.get("gw1:r0")).isEqualTo("answer-k0");
                assertThat(received).as("each answer exactly once").isEqualTo(100);
            } finally {
                if (job != null) {
                    cluster.cancelJob(job).get(30, TimeUnit.SECONDS);
                }
                cluster.close();
            }
        }
    }
}
