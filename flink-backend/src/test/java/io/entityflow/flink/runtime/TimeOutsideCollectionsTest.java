package io.entityflow.flink.runtime;

import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOutsideCollectionsTest {
    private long wallNanos = 5_000_000_000L;
    private long pausedMillis;
    private final TimeOutsideCollections clock = new TimeOutsideCollections(() -> wallNanos, () -> pausedMillis);

    @Test
    void standsStillWhileTheCollectorPauses() {
        long before = clock.getAsLong();
        wallNanos += TimeUnit.MILLISECONDS.toNanos(150);
        pausedMillis += 150; // the whole interval was a collection
        assertThat(clock.getAsLong()).isEqualTo(before);
        wallNanos += TimeUnit.MILLISECONDS.toNanos(30);
        assertThat(clock.getAsLong()).isEqualTo(before + TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void neverGoesBackwardsWhenAPauseIsReportedAfterTheTimeWasRead() {
        wallNanos += TimeUnit.MILLISECONDS.toNanos(10);
        long read = clock.getAsLong();
        pausedMillis += 40; // a pause that began before the read, reported now
        assertThat(clock.getAsLong()).isEqualTo(read);
    }

    @Test
    void aTransactionAdmissionOnItDoesNotCountACollectorPauseAsAWaitWithNoEnd() {
        TransactionAdmission admission = new TransactionAdmission(clock);
        admission.startAttempt(1);
        admission.begun("long");
        assertThat(admission.admitsAnother()).isFalse();
        wallNanos += TransactionAdmission.MAX_PAUSE_NANOS * 3;
        pausedMillis += TimeUnit.NANOSECONDS.toMillis(TransactionAdmission.MAX_PAUSE_NANOS * 3);
        assertThat(admission.admitsAnother()).as("a collection of three pauses' length").isFalse();
        wallNanos += TransactionAdmission.MAX_PAUSE_NANOS;
        assertThat(admission.admitsAnother()).as("then a whole pause of running time").isTrue();
        assertThat(admission.overdueAdmissions()).isEqualTo(1);
    }

    @Test
    void countsThePausingCollectorsOnlyNotTheCyclesOfConcurrentOnes() {
        List<GarbageCollectorMXBean> collectors = List.of(collector("G1 Young Generation", 120), collector("ZGC Cycles", 9_000),
                collector("ZGC Pauses", 3), collector("Unreported", -1));
        assertThat(TimeOutsideCollections.pauseMillisOf(collectors).getAsLong()).isEqualTo(123);
    }

    @Test
    void readsThisJvmsCollectors() {
        long paused = TimeOutsideCollections.pauseMillisOf(ManagementFactory.getGarbageCollectorMXBeans()).getAsLong();
        assertThat(paused).isNotNegative();
        assertThat(new TimeOutsideCollections().getAsLong()).isLessThanOrEqualTo(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(paused));
    }

    private static GarbageCollectorMXBean collector(String name, long millis) {
        return (GarbageCollectorMXBean) Proxy.newProxyInstance(TimeOutsideCollectionsTest.class.getClassLoader(),
                new Class<?>[] {GarbageCollectorMXBean.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getCollectionTime" -> millis;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
