package io.entityflow.flink.job;

import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.EntityRef;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestPartitionsTest {

    private static Envelope call(String id, String key) {
        return Envelope.call(id, EntityRef.of("shop.Item", key), "getStock", new Object[0], List.of());
    }

    private static List<Envelope> all(RequestLog log) {
        return log.read(log.firstOffset(), Integer.MAX_VALUE);
    }

    @Test
    void eachRequestLandsInThePartitionOfTheSubtaskWhoseKeyGroupsHoldItsKey() {
        for (int parallelism : new int[] {1, 2, 3}) {
            RequestPartitions partitions = new RequestPartitions();
            partitions.partitionByKeyGroups(128, parallelism);
            for (int i = 0; i < 500; i++) {
                partitions.append(call("r" + i, "k" + i));
            }
            int total = 0;
            for (int subtask = 0; subtask < parallelism; subtask++) {
                KeyGroupRange owned = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(128, parallelism, subtask);
                List<Envelope> read = all(partitions.log(subtask, parallelism));
                assertThat(read).allSatisfy(request -> assertThat(owned.contains(
                        KeyGroupRangeAssignment.assignToKeyGroup(request.destinationKey(), 128))).isTrue());
                total += read.size();
            }
            assertThat(total).isEqualTo(500);
        }
    }

    @Test
    void requestsSubmittedBeforeTheKeyGroupsAreKnownGoFirstInTheirOrder() {
        RequestPartitions partitions = new RequestPartitions();
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Envelope request = call("r" + i, "k" + (i % 7));
            sent.add(request);
            partitions.append(request);
            if (i == 49) {
                partitions.partitionByKeyGroups(128, 2);
            }
        }
        List<Envelope> read = new ArrayList<>(all(partitions.log(0, 2)));
        read.addAll(all(partitions.log(1, 2)));
        assertThat(read).containsExactlyInAnyOrderElementsOf(sent);
        for (int subtask = 0; subtask < 2; subtask++) {
            List<Envelope> partition = all(partitions.log(subtask, 2));
            assertThat(partition).as("each partition in submission order").isSortedAccordingTo(
                    java.util.Comparator.comparingInt(request -> Integer.parseInt(request.requestId().substring(1))));
        }
    }

    @Test
    void theRoutingOfAJobIsFixed() {
        RequestPartitions partitions = new RequestPartitions();
        partitions.partitionByKeyGroups(128, 2);
        partitions.partitionByKeyGroups(128, 2); // a restarted task reports the same
        assertThatThrownBy(() -> partitions.partitionByKeyGroups(256, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not 2 of 256");
        assertThatThrownBy(() -> partitions.log(0, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 2 partitions, not 3");
    }
}
