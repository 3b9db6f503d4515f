package io.entityflow.flink.gateway;

import io.entityflow.flink.deploy.KafkaAdmin;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.flink.job.KafkaEdges;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests to an entity job on a cluster, through Kafka: each goes to the requests topic keyed by the
 * entity it is for, under the id {@code <gateway>:<id>}; the job answers on this gateway's own topic,
 * which is read {@code read_committed}, so a response arrives only once the checkpoint holding its effects
 * is complete. Several gateways run side by side, each reading only its own answers.
 */
public final class KafkaRequestSubmitter implements RequestSubmitter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRequestSubmitter.class);
    private static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(5);
    private final String gatewayId;
    private final KafkaEdges.Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, CompletableFuture<Envelope>> waiting = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean closed;

    private KafkaRequestSubmitter(String gatewayId, KafkaEdges.Topics topics) {
        this.gatewayId = gatewayId;
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                // send() runs on the HTTP server's I/O thread: fail a request fast (500) rather than stall the
                // thread's every connection for the default minute while Kafka is unreachable or the buffer full
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        this.reader = new Thread(this::readResponses, "entityflow-gateway-responses");
        this.reader.setDaemon(true);
    }

    /**
     * Checks Kafka answers, creates the requests topic (if the job was not deployed yet) and this gateway's
     * response topic, and starts reading it from its end: answers to an earlier process are not ours.
     *
     * @param partitions partitions of the requests topic if it must be created
     */
    public static KafkaRequestSubmitter start(String gatewayId, KafkaEdges.Topics topics, int partitions) {
        String responses = topics.responsesOf(gatewayId);
        try (KafkaAdmin admin = KafkaAdmin.connect(topics.bootstrapServers())) {
            admin.ensureTopic(topics.requests(), partitions);
            admin.ensureTopic(responses, 1);
        }
        KafkaRequestSubmitter submitter = new KafkaRequestSubmitter(gatewayId, topics);
        List<TopicPartition> partitionsRead = submitter.consumer.partitionsFor(responses).stream()
                .map(p -> new TopicPartition(responses, p.partition())).toList();
        submitter.consumer.assign(partitionsRead);
        submitter.consumer.seekToEnd(partitionsRead);
        partitionsRead.forEach(submitter.consumer::position); // resolves the end now, before any request is sent
        submitter.reader.start();
        return submitter;
    }

    @Override
    public CompletableFuture<Envelope> submit(Envelope request) {
        String id = RequestIds.viaGateway(gatewayId, request.requestId());
        CompletableFuture<Envelope> answer = new CompletableFuture<>();
        // a retry of a request still waiting shares its future: one answer completes both
        CompletableFuture<Envelope> earlier = waiting.putIfAbsent(id, answer);
        CompletableFuture<Envelope> result = earlier != null ? earlier : answer;
        if (earlier == null) {
            // the gateway gives up on a request much sooner; this only bounds what is kept for answers never coming
            answer.orTimeout(FORGOTTEN_AFTER.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> waiting.remove(id, answer));
        }
        Envelope routed = request.withRequestId(id);
        producer.send(new ProducerRecord<>(topics.requests(), routed.destinationKey().getBytes(StandardCharsets.UTF_8),
                KafkaEdges.bytes(routed)), (metadata, failure) -> {
            if (failure != null && waiting.remove(id, result)) {
                result.completeExceptionally(new IOException("Kafka at " + topics.bootstrapServers()
                        + " did not take the request: " + failure.getMessage(), failure));
            }
        });
        return result.thenApply(response -> response.withRequestId(request.requestId()));
    }

    private void readResponses() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Envelope response;
                    try {
                        response = KafkaEdges.envelope(record.value());
                    } catch (IOException | RuntimeException e) {
                        // the key is the request id: its client learns at once instead of timing out
                        String id = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                        LOG.warn("unreadable answer to {} at offset {} of {}: {}", id, record.offset(), record.topic(), e.toString());
                        CompletableFuture<Envelope> future = waiting.remove(id);
                        if (future != null) {
                            future.completeExceptionally(new IOException("the answer to this request could not be read"
                                    + " by this gateway (is it serving the program the job runs?): " + e.getMessage(), e));
                        }
                        continue;
                    }
                    CompletableFuture<Envelope> future = waiting.remove(response.requestId());
                    if (future != null) {
                        future.complete(response);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the gateway stopped reading its responses from Kafka", e);
            failWaiting(e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void failWaiting(Exception cause) {
        waiting.values().forEach(future -> future.completeExceptionally(cause));
        waiting.clear();
    }

    /** Requests sent and not answered yet. */
    public int waiting() {
        return waiting.size();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        reader.join(5000);
        producer.close(Duration.ofSeconds(2));
        failWaiting(new IOException("the gateway closed"));
    }
}
