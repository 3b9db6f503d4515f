package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.flink.envelope.EnvelopeCodec;
import io.entityflow.flink.envelope.RequestIds;
import io.entityflow.flink.serial.EnvelopeTypeInfo;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The two ends of a job on a cluster: requests read from a Kafka topic (offsets in the checkpoint) and
 * responses written to Kafka in transactions committed with the checkpoint holding their effects
 * (exactly-once), so a consumer reading {@code read_committed} sees a response only once it survives any
 * failure — the contract of the embedded run's committed responses. Envelopes travel in the
 * {@link EnvelopeCodec} format, keyed by the entity they go to (requests) or their request id (responses).
 */
public final class KafkaEdges {
    /** Responses go to {@code <responses topic>}; the request id's prefix up to ':' may name another (a gateway's). */
    public record Topics(String bootstrapServers, String requests, String responses, String transactionalIdPrefix)
            implements java.io.Serializable {

        /**
         * The topics of the program deployed as {@code jobName}: what {@code entityflow deploy} creates and
         * {@code entityflow gateway} talks to, so both find each other by the program's name alone.
         */
        public static Topics of(String bootstrapServers, String jobName) {
            return new Topics(bootstrapServers, "entityflow." + jobName + ".requests", "entityflow." + jobName + ".responses",
                    "entityflow-" + jobName);
        }

        /** The topic a gateway reads its responses from. */
        public String responsesOf(String gatewayId) {
            return responses + "-" + gatewayId;
        }
    }

    private KafkaEdges() {
    }

    public static DataStream<Envelope> requests(StreamExecutionEnvironment env, Topics topics) {
        KafkaSource<Envelope> source = KafkaSource.<Envelope>builder()
                .setBootstrapServers(topics.bootstrapServers())
                .setTopics(topics.requests())
                .setGroupId(topics.transactionalIdPrefix() + "-requests")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new EnvelopeRecords())
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "requests (Kafka)", EnvelopeTypeInfo.INSTANCE)
                .uid("entityflow-kafka-requests");
    }

    /**
     * @param checkpointsAt Flink's REST URL, to ask for a checkpoint as soon as a response waits for one; null: the
     *                      responses wait for the periodic checkpoints
     */
    public static void respond(DataStream<Envelope> responses, Topics topics, String checkpointsAt) {
        KafkaSink<Envelope> sink = KafkaSink.<Envelope>builder()
                .setBootstrapServers(topics.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(topics.transactionalIdPrefix())
                // a transaction lives from one checkpoint to the next; the broker's maximum is 15 minutes
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "600000")
                .setRecordSerializer(new ResponseRecords(topics.responses()))
                .build();
        if (checkpointsAt != null) {
            responses = responses.process(new CheckpointRequests(checkpointsAt), EnvelopeTypeInfo.INSTANCE)
                    .uid("entityflow-checkpoint-requests").name("ask for a checkpoint");
        }
        responses.sinkTo(sink).uid("entityflow-kafka-responses").name("responses (Kafka)");
    }

    /** The bytes of an envelope in its codec's format. */
    public static byte[] bytes(Envelope envelope) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            EnvelopeCodec.write(envelope, new DataOutputStream(buffer));
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Envelope envelope(byte[] bytes) throws IOException {
        return EnvelopeCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static final class EnvelopeRecords implements KafkaRecordDeserializationSchema<Envelope> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope> out) throws IOException {
            out.collect(envelope(record.value()));
        }

        @Override
        public TypeInformation<Envelope> getProducedType() {
            return EnvelopeTypeInfo.INSTANCE;
        }
    }

    private static final class ResponseRecords implements KafkaRecordSerializationSchema<Envelope> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        ResponseRecords(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Envelope response, KafkaSinkContext context, Long timestamp) {
            String gateway = RequestIds.gatewayOf(response.requestId());
            String target = gateway != null ? topic + "-" + gateway : topic;
            // the request id keys the record: one request's retried responses stay in order on one partition
            return new ProducerRecord<>(target, response.requestId().getBytes(StandardCharsets.UTF_8), bytes(response));
        }
    }
}
