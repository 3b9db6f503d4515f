package io.entityflow.flink.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What deploy and the gateway ask of a Kafka cluster before they use it: that it answers (within a few
 * seconds, else a message naming the address instead of a client retrying forever) and that a topic exists.
 */
public final class KafkaAdmin implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final String bootstrapServers;
    private final Admin admin;

    private KafkaAdmin(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
    }

    /** Connects and checks the cluster answers. */
    public static KafkaAdmin connect(String bootstrapServers) {
        KafkaAdmin kafka = new KafkaAdmin(bootstrapServers);
        try {
            kafka.admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return kafka;
        } catch (TimeoutException | ExecutionException e) {
            kafka.close();
            throw new DeployException("Kafka at " + bootstrapServers + " does not answer within " + TIMEOUT.toSeconds()
                    + " s (is a broker running there? entityflow cluster start does not start one)");
        } catch (InterruptedException e) {
            kafka.close();
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while connecting to Kafka at " + bootstrapServers);
        }
    }

    /** Creates the topic with this many partitions unless it exists (an existing one is left as it is). */
    public void ensureTopic(String topic, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new DeployException("Kafka at " + bootstrapServers + " did not create topic " + topic + ": "
                        + e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            throw new DeployException("Kafka at " + bootstrapServers + " did not create topic " + topic + " within "
                    + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while creating topic " + topic);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
