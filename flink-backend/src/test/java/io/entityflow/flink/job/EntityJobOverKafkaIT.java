package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.flink.runtime.EntityInvoker;
import io.entityflow.flink.runtime.EntityTypes;
import io.entityflow.flink.runtime.MethodTraits;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.kafka.LocalKafka;
import org.apache.flink.api.common.JobID;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop program's entity job fed from Kafka and answering on Kafka: a remote call chain answered once, committed. */
class EntityJobOverKafkaIT {
    @TempDir
    Path dir;

    @Test
    void anEntityProgramRunsWithItsRequestsAndResponsesOnKafka() throws Exception {
        CompiledProgram program = CompiledProgram.compile(Path.of("..", "samples", "shop"));
        UserClasses.register(program.classes());
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            KafkaEdges.Topics topics = new KafkaEdges.Topics(kafka.bootstrapServers(), "requests", "responses", "shop-it");
            List<Envelope> requests = List.of(
                    Envelope.create("gw:1", EntityRef.of("shop.Item", "apple"), new Object[] {"apple", 3}, List.of()),
                    Envelope.call("gw:2", EntityRef.of("shop.Item", "apple"), "updateStock", new Object[] {5}, List.of()),
                    Envelope.create("gw:3", EntityRef.of("shop.User", "ann"), new Object[] {"ann"}, List.of()),
                    Envelope.call("gw:4", EntityRef.of("shop.User", "ann"), "deposit", new Object[] {10}, List.of()));
            send(kafka, topics, requests);
            MiniCluster cluster = TestClusters.start(2);
            JobID job = null;
            try {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                env.setParallelism(2);
                env.enableCheckpointing(200);
                EntityJob.build(env, new EntityInvoker(new EntityTypes(null)), MethodTraits.of(program), program.entityTypes(),
                        JobOptions.defaults("shop-over-kafka").withKafka(topics));
                job = cluster.submitJob(env.getStreamGraph().getJobGraph()).get(60, TimeUnit.SECONDS).getJobID();
                Map<String, Object> answers = receive(kafka, topics, 4);
                // ann buys an apple: User.buyItem calls Item.getPrice and Item.updateStock on the other entity
                send(kafka, topics, List.of(Envelope.call("gw:5", EntityRef.of("shop.User", "ann"), "buyItem",
                        new Object[] {2, EntityRef.of("shop.Item", "apple")}, List.of())));
                answers.putAll(receive(kafka, topics, 5));
                assertThat(answers).containsEntry("gw:2", true).containsEntry("gw:5", true).hasSize(5);
            } finally {
                if (job != null) {
                    cluster.cancelJob(job).get(30, TimeUnit.SECONDS);
                }
                cluster.close();
            }
        }
    }

    private static void send(LocalKafka kafka, KafkaEdges.Topics topics, List<Envelope> requests) throws Exception {
        KafkaRequests.send(kafka.bootstrapServers(), topics.requests(), requests);
    }

    /** Reads the gateway's topic from the start until {@code count} answers (read_committed). */
    private static Map<String, Object> receive(LocalKafka kafka, KafkaEdges.Topics topics, int count) throws Exception {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, Object> answers = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topics.responses() + "-gw"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (answers.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Envelope response = KafkaEdges.envelope(record.value());
                    answers.put(response.requestId(), response.value());
                }
            }
        }
        assertThat(answers).as("answers on Kafka").hasSize(count);
        return answers;
    }
}
