package io.entityflow.flink.envelope;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class UniqueIdsTest {

    @Test
    void idsMadeAtOnceOnSeveralThreadsAreAllDistinct() throws InterruptedException {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    ids.add(UniqueIds.next());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(200_000);
        // request ids travel as <gateway>:<id> and mark generated ones with a prefix: no separators of their own
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("[0-9a-z]+-[0-9a-z]+").hasSizeLessThan(24));
    }

    /** Another process (here: the class loaded afresh, as a restarted JVM would) starts from another random base. */
    @Test
    void anotherRunMakesOtherIds() throws Exception {
        URL classes = UniqueIds.class.getProtectionDomain().getCodeSource().getLocation();
        Set<String> firsts = new java.util.HashSet<>();
        for (int run = 0; run < 3; run++) {
            try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, null)) {
                firsts.add((String) fresh.loadClass(UniqueIds.class.getName()).getMethod("next").invoke(null));
            }
        }
        firsts.add(UniqueIds.next());
        assertThat(firsts).hasSize(4);
    }
}
