package io.entityflow.flink.job;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The coalescing of checkpoint requests, with a trigger that records what it was asked (no Flink). */
class CheckpointOnDemandTest {
    private final List<CompletableFuture<Object>> triggered = new ArrayList<>();
    private final CheckpointOnDemand onDemand = new CheckpointOnDemand(() -> {
        CompletableFuture<Object> checkpoint = new CompletableFuture<>();
        triggered.add(checkpoint);
        return checkpoint;
    });

    @Test
    void aResponseWaitingAsksForACheckpointAtOnce() {
        onDemand.run();
        assertThat(triggered).hasSize(1);
    }

    @Test
    void requestsWhileACheckpointRunsCoalesceIntoOneMoreAfterIt() {
        onDemand.run();
        onDemand.run();
        onDemand.run();
        assertThat(triggered).as("one checkpoint at a time").hasSize(1);
        triggered.get(0).complete("done");
        assertThat(triggered).as("responses that missed its barrier get the next one").hasSize(2);
        triggered.get(1).complete("done");
        assertThat(triggered).as("nothing waits: no more checkpoints").hasSize(2);
    }

    @Test
    void aFailedCheckpointLetsTheNextRequestTrigger() {
        onDemand.run();
        triggered.get(0).completeExceptionally(new IllegalStateException("job restarting"));
        assertThat(triggered).hasSize(1);
        onDemand.run();
        assertThat(triggered).hasSize(2);
    }

    @Test
    void aTriggerThatThrowsDoesNotWedgeIt() {
        int[] calls = {0};
        CheckpointOnDemand throwing = new CheckpointOnDemand(() -> {
            calls[0]++;
            throw new IllegalStateException("no such job");
        });
        throwing.run();
        throwing.run();
        assertThat(calls[0]).isEqualTo(2);
    }
}
